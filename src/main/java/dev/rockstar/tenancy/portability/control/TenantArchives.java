package dev.rockstar.tenancy.portability.control;

import dev.rockstar.tenancy.TenantInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * One tenant's archive: export, restore and verify, for the admin API and the console alike.
 * (Signatures agreed for the console; the implementation lands on its own branch.)
 */
@ApplicationScoped
public class TenantArchives {

    /**
     * How an archive is restored.
     *
     * @param id the tenant id to restore under, {@code null} for the archive's own
     * @param hosts the hosts to give it, empty for the archive's own
     * @param replace whether to restore over the existing tenant of that id
     */
    public record RestoreOptions(String id, List<String> hosts, boolean replace) {}

    /** One table compared: its rows in the archive and in the tenant now, and whether they are equal. */
    public record TableComparison(long archiveRows, long tenantRows, boolean equal) {}

    /** Whether the tenant's data now equals the archive's, table by table. */
    public record Verification(boolean equal, Map<String, TableComparison> tables) {}

    /** Writes the tenant's archive (a zip) to {@code out}, from one consistent snapshot; audited. */
    public void export(String tenantId, boolean credentials, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Restores a tenant from an archive, all or nothing; audited. */
    public TenantInfo restore(InputStream archive, RestoreOptions options) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Compares the tenant's data with an archive's. */
    public Verification verify(String tenantId, InputStream archive) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
