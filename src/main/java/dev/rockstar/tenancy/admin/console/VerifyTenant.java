package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.portability.control.TenantArchives;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Whether a tenant's data now equals an uploaded archive's, table by table, as
 * {@code POST /api/admin/tenants/{id}/verify} answers: the proof of a restore or a move. Changes
 * nothing, so the answer is shown on the page itself rather than after a redirect.
 */
@Named
@ViewScoped
public class VerifyTenant implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "verify";
    private static final Map<String, String> FIELDS = Map.of("archive", "archive", "tenant", "tenant");

    /** One table's line of the answer. */
    public record Table(String name, long archiveRows, long tenantRows, boolean equal) {}

    @Inject
    TenantArchives archives;

    private transient Part archive;
    // Shown by the page the POST renders; not kept beyond it.
    private transient TenantArchives.Verification result;
    private String archiveName;
    // The tenant named in the tenants page's form; a tenant's page passes its own id instead.
    private String tenantId;
    private String verifiedId;

    public String verify(String id) {
        result = null;
        if (id == null || id.isBlank()) {
            FormMessages.refused(
                    new ValidationFailedException("tenant", "Name the tenant to compare with the archive"),
                    FORM,
                    FIELDS,
                    "archive");
            return null;
        }
        try {
            archiveName = Uploads.name(archive);
            result = Uploads.read(archive, in -> archives.verify(id.strip(), in));
            verifiedId = id.strip();
        } catch (ProblemException e) {
            FormMessages.refused(e, FORM, FIELDS, "archive");
        }
        return null;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getVerifiedId() {
        return verifiedId;
    }

    public TenantArchives.Verification getResult() {
        return result;
    }

    public List<Table> getTables() {
        return result == null
                ? List.of()
                : result.tables().entrySet().stream()
                        .map(e -> new Table(
                                e.getKey(),
                                e.getValue().archiveRows(),
                                e.getValue().tenantRows(),
                                e.getValue().equal()))
                        .sorted(Comparator.comparing(Table::name))
                        .toList();
    }

    public String getArchiveName() {
        return archiveName;
    }

    public Part getArchive() {
        return archive;
    }

    public void setArchive(Part archive) {
        this.archive = archive;
    }
}
