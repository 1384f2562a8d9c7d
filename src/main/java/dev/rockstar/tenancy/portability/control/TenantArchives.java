package dev.rockstar.tenancy.portability.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.admin.control.CacheClearing;
import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.persistence.Placements;
import dev.rockstar.tenancy.persistence.SchemaVersions;
import dev.rockstar.tenancy.persistence.TenantRows;
import dev.rockstar.tenancy.problems.ConflictException;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.control.TenantConfigParser;
import dev.rockstar.tenancy.tenant.control.TenantJson;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import dev.rockstar.tenancy.tenant.control.TenantRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.PersistenceException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One tenant's archive: export, restore and verify, for the admin API and the console alike. The
 * format is docs/PORTABILITY.md's: {@value Manifest#TENANT} (the registry entry), one
 * {@code tables/<table>.ndjson} per tenant-owned table ({@link TableCodec}'s canonical lines) and
 * {@value Manifest#NAME} last, with every file's row count and SHA-256.
 * <pre>
 * archives.export("acme", true, out);
 * TenantInfo clone = archives.restore(in, new RestoreOptions("acme-test", List.of("acme-test.localhost"), false));
 * </pre>
 */
@ApplicationScoped
public class TenantArchives {

    /** The media type of an archive. */
    public static final String MEDIA_TYPE = "application/zip";

    private static final Logger LOG = Logger.getLogger(TenantArchives.class.getName());

    /**
     * How an archive is restored.
     *
     * @param id the tenant id to restore under, {@code null} for the archive's own
     * @param hosts the hosts to give it, empty for the archive's own
     * @param replace whether to restore over the existing tenant of that id
     * @param placement where a new tenant's rows go, {@code null} for {@code shared}; a restore over
     *     a tenant keeps its placement
     */
    public record RestoreOptions(String id, List<String> hosts, boolean replace, String placement) {

        public RestoreOptions(String id, List<String> hosts, boolean replace) {
            this(id, hosts, replace, null);
        }
    }

    /** One table compared: its rows in the archive and in the tenant now, and whether they are equal. */
    public record TableComparison(long archiveRows, long tenantRows, boolean equal) {}

    /** Whether the tenant's data now equals the archive's, table by table. */
    public record Verification(boolean equal, Map<String, TableComparison> tables) {}

    @Inject
    @ConfigProperty(name = "tenancy.archive.max-bytes", defaultValue = "536870912")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "tenancy.archive.max-unpacked-bytes", defaultValue = "4294967296")
    long maxUnpackedBytes;

    @Inject
    TenantRegistry registry;

    @Inject
    TenantRows rows;

    @Inject
    SchemaVersions versions;

    @Inject
    Placements placements;

    @Inject
    RestoreWriting writing;

    @Inject
    RestoreIntoDatabase intoDatabase;

    @Inject
    CacheClearing cacheClearing;

    @Inject
    AuditLog audit;

    /** The most bytes an uploaded archive may have ({@code tenancy.archive.max-bytes}). */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Writes the tenant's archive (a zip) to {@code out}, from one consistent snapshot; audited.
     *
     * @throws dev.rockstar.tenancy.problems.ResourceNotFoundException when there is no such tenant
     */
    public void export(String tenantId, boolean credentials, OutputStream out) throws IOException {
        TenantInfo tenant = registry.require(tenantId);
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Manifest.FileEntry> files = new ArrayList<>();
        long total = 0;
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 64 * 1024));
        try (TenantRows.Snapshot snapshot = rows.snapshot(tenantId)) {
            byte[] entry = (tenantEntry(tenant).toString() + "\n").getBytes(StandardCharsets.UTF_8);
            zip.putNextEntry(new ZipEntry(Manifest.TENANT));
            zip.write(entry);
            zip.closeEntry();
            files.add(new Manifest.FileEntry(
                    Manifest.TENANT, null, -1, hex(ArchiveReader.sha256().digest(entry))));
            for (TenantRows.Table table : rows.tables()) {
                TableCodec codec = new TableCodec(table, credentials);
                String name = Manifest.fileOf(TableCodec.archiveName(table));
                MessageDigest sha = ArchiveReader.sha256();
                zip.putNextEntry(new ZipEntry(name));
                DigestOutputStream file = new DigestOutputStream(unclosable(zip), sha);
                long[] count = {0};
                snapshot.read(table, row -> {
                    file.write(codec.line(row).getBytes(StandardCharsets.UTF_8));
                    file.write('\n');
                    count[0]++;
                });
                zip.closeEntry();
                files.add(new Manifest.FileEntry(name, TableCodec.archiveName(table), count[0], hex(sha.digest())));
                total += count[0];
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not read the rows of tenant " + tenantId, e);
        }
        Manifest manifest = new Manifest(
                Manifest.FORMAT,
                versions.framework(),
                versions.application().orElse(null),
                tenantId,
                createdAt,
                credentials,
                List.copyOf(files));
        zip.putNextEntry(new ZipEntry(Manifest.NAME));
        zip.write((manifest.toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
        audit.record(
                tenantId,
                "TENANT_EXPORTED",
                "archive of " + total + " rows in " + (files.size() - 1) + " tables, "
                        + (credentials ? "password hashes included" : "without credentials"));
    }

    /**
     * Restores a tenant from an archive, all or nothing; audited.
     *
     * @throws ValidationFailedException for anything that is not such an archive, naming the entry and line
     * @throws ConflictException when the id (without {@code replace}) or a host is taken
     * @throws dev.rockstar.tenancy.problems.PayloadTooLargeException above {@code tenancy.archive.max-bytes}
     */
    public TenantInfo restore(InputStream archive, RestoreOptions options) {
        try (ArchiveReader reader = ArchiveReader.spool(archive, maxBytes, maxUnpackedBytes)) {
            Map<String, TableCodec> codecs = validated(reader);
            JsonObject entry = reader.tenant();
            // Checked first: a refusal about its hosts would mislead for an id no tenant can have.
            String id = TenantRules.id(
                    options.id() == null || options.id().isBlank()
                            ? reader.manifest().tenantId()
                            : options.id());
            List<String> hosts =
                    options.hosts() == null || options.hosts().isEmpty() ? strings(entry, "hosts") : options.hosts();
            TenantRegistry.Registration registration = registration(id, entry, hosts, options.placement());
            Optional<TenantInfo> existing = registry.find(id);
            if (existing.isPresent() && !options.replace()) {
                throw new ConflictException(
                        "id",
                        "A tenant with id '" + id + "' already exists; restore with replace=true to restore over it");
            }
            if (existing.isPresent()
                    && options.placement() != null
                    && !options.placement().equals(existing.get().placement())) {
                throw new ValidationFailedException(
                        "placement",
                        "A restore over tenant '" + id + "' keeps its placement ("
                                + existing.get().placement() + "); move it with PUT /api/admin/tenants/" + id
                                + "/placement");
            }
            for (String host : registration.hosts()) {
                Optional<String> owner = registry.ownerOf(host);
                if (owner.isPresent() && !owner.get().equals(existing.isPresent() ? id : null)) {
                    throw new ConflictException("hosts", "The host '" + host + "' is owned by another tenant");
                }
            }
            TenantInfo restored = existing.isPresent()
                    ? replace(existing.get(), registration, reader, codecs)
                    : create(registration, reader, codecs);
            audit.record(
                    restored.id(),
                    "TENANT_RESTORED",
                    (existing.isPresent() ? "data replaced by" : "restored from") + " the archive of tenant '"
                            + reader.manifest().tenantId() + "' made at "
                            + reader.manifest().createdAt() + ", "
                            + rowCount(reader.manifest()) + " rows"
                            + (reader.manifest().credentials() ? "" : ", without credentials"));
            return restored;
        } catch (IOException e) {
            throw new PersistenceException("Could not read the archive", e);
        }
    }

    /** A new tenant: in one transaction in the main database, in steps into a database placement. */
    private TenantInfo create(
            TenantRegistry.Registration registration, ArchiveReader reader, Map<String, TableCodec> codecs) {
        String placement = registration.placement() == null ? Placements.SHARED : registration.placement();
        return placements.isDatabase(placement)
                ? intoDatabase.create(registration, placement, reader, codecs)
                : writing.create(registration, reader, codecs);
    }

    /**
     * READ_ONLY in a transaction of its own, so every node stops the tenant's writes, and held
     * against a move or a status change meanwhile; then its rows and entry replaced in one; if that
     * fails, back to the status it had.
     */
    private TenantInfo replace(
            TenantInfo existing,
            TenantRegistry.Registration registration,
            ArchiveReader reader,
            Map<String, TableCodec> codecs) {
        TenantStatus before = existing.status();
        String hold = registry.holdForRestore(existing.id());
        TenantInfo restored;
        try {
            restored = placements.isDatabase(existing.placement())
                    ? intoDatabase.replace(existing.id(), existing.placement(), registration, reader, codecs, hold)
                    : writing.replace(existing.id(), registration, reader, codecs, hold);
        } catch (RuntimeException e) {
            try {
                registry.release(existing.id(), hold, before);
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "Could not put tenant " + existing.id() + " back to " + before, again);
                e.addSuppressed(again);
            }
            throw e;
        }
        cacheClearing.clear(existing.id());
        return restored;
    }

    /**
     * Compares the tenant's data with an archive's, table by table: rows and digest over canonical rows.
     *
     * @throws ValidationFailedException for anything that is not such an archive
     * @throws dev.rockstar.tenancy.problems.ResourceNotFoundException when there is no such tenant
     */
    public Verification verify(String tenantId, InputStream archive) {
        registry.require(tenantId);
        try (ArchiveReader reader = ArchiveReader.spool(archive, maxBytes, maxUnpackedBytes)) {
            Map<String, TableCodec> codecs = validated(reader);
            Map<String, TableComparison> tables = new LinkedHashMap<>();
            boolean equal = true;
            try (TenantRows.Snapshot snapshot = rows.snapshot(tenantId)) {
                for (TenantRows.Table table : rows.tables()) {
                    String name = TableCodec.archiveName(table);
                    TableCodec codec = new TableCodec(table, reader.manifest().credentials());
                    MessageDigest sha = ArchiveReader.sha256();
                    long[] count = {0};
                    snapshot.read(table, row -> {
                        sha.update(codec.line(row).getBytes(StandardCharsets.UTF_8));
                        sha.update((byte) '\n');
                        count[0]++;
                    });
                    Manifest.FileEntry file = reader.manifest().files().stream()
                            .filter(f -> name.equals(f.table()))
                            .findFirst()
                            .orElseThrow();
                    boolean same = file.rows() == count[0] && file.sha256().equals(hex(sha.digest()));
                    tables.put(name, new TableComparison(file.rows(), count[0], same));
                    equal &= same;
                }
            } catch (SQLException e) {
                throw new PersistenceException("Could not read the rows of tenant " + tenantId, e);
            }
            return new Verification(equal, tables);
        } catch (IOException e) {
            throw new PersistenceException("Could not read the archive", e);
        }
    }

    private Map<String, TableCodec> validated(ArchiveReader reader) throws IOException {
        try {
            return reader.validate(rows.tables(), versions);
        } catch (SQLException e) {
            throw new PersistenceException("Could not read the tables' shape", e);
        }
    }

    /** The registry entry as the archive holds it: the admin API's tenant, its hosts in order. */
    private static JsonObject tenantEntry(TenantInfo tenant) {
        return JsonP.createObjectBuilder(TenantJson.tenant(tenant))
                .add(
                        "hosts",
                        JsonP.createArrayBuilder(
                                tenant.hosts().stream().sorted().toList()))
                .build();
    }

    private static TenantRegistry.Registration registration(
            String id, JsonObject entry, List<String> hosts, String placement) {
        try {
            String status = string(entry, "status");
            TenantStatus parsed;
            try {
                parsed = TenantStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new ValidationFailedException("status", "status '" + status + "' is no tenant status");
            }
            return new TenantRegistry.Registration(
                    id,
                    string(entry, "name"),
                    hosts,
                    parsed,
                    TenantConfigParser.parse(entry.get("config"), "config"),
                    placement);
        } catch (ProblemException e) {
            throw e.within(Manifest.TENANT);
        }
    }

    private static String string(JsonObject json, String field) {
        if (json.get(field) instanceof JsonString text) {
            return text.getString();
        }
        throw new ValidationFailedException(field, field + " must be a string");
    }

    private static List<String> strings(JsonObject json, String field) {
        if (!(json.get(field) instanceof JsonArray array)
                || array.stream().anyMatch(v -> v.getValueType() != JsonValue.ValueType.STRING)) {
            throw new ValidationFailedException(field, Manifest.TENANT + ": " + field + " must be an array of strings");
        }
        return array.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    private static long rowCount(Manifest manifest) {
        return manifest.files().stream().mapToLong(f -> Math.max(0, f.rows())).sum();
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** The zip stream, which the digest stream over it must not close at the end of an entry. */
    private static OutputStream unclosable(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() {}
        };
    }
}
