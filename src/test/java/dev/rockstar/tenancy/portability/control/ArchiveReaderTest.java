package dev.rockstar.tenancy.portability.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.persistence.SchemaVersions;
import dev.rockstar.tenancy.persistence.TenantRows;
import dev.rockstar.tenancy.problems.PayloadTooLargeException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Types;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** An uploaded archive is checked whole, within its bounds, before anything is written. */
class ArchiveReaderTest {

    private static final TenantRows.Table NOTE = new TenantRows.Table(
            "note",
            "tenant_id",
            List.of(
                    new TenantRows.Column("id", "id", Types.VARCHAR, "varchar", false, 36),
                    new TenantRows.Column("text", "text", Types.VARCHAR, "varchar", true, 0)),
            List.of());

    private static final SchemaVersions VERSIONS = new SchemaVersions() {
        @Override
        public String framework() {
            return "14";
        }

        @Override
        public Optional<String> application() {
            return Optional.empty();
        }
    };

    @Test
    void aWellFormedArchivePasses() throws IOException {
        try (ArchiveReader reader = read(archive("14", "{\"id\":\"n1\",\"text\":\"hello\"}\n"), 1 << 20, 1 << 20)) {
            assertEquals(
                    List.of("note"),
                    List.copyOf(reader.validate(List.of(NOTE), VERSIONS).keySet()));
            assertEquals("acme", reader.manifest().tenantId());
        }
    }

    @Test
    void anArchiveOfAnEarlierPointVersionOfTheSameShapeIsBroughtUp() throws IOException {
        SchemaVersions later = new SchemaVersions() {
            @Override
            public String framework() {
                return "14.1";
            }

            @Override
            public Optional<String> application() {
                return Optional.empty();
            }
        };
        try (ArchiveReader reader = read(archive("14", "{\"id\":\"n1\",\"text\":\"hello\"}\n"), 1 << 20, 1 << 20)) {
            assertEquals(
                    List.of("note"),
                    List.copyOf(reader.validate(List.of(NOTE), later).keySet()));
        }
        ValidationFailedException refused = assertThrows(ValidationFailedException.class, () -> {
            try (ArchiveReader reader = read(archive("13", "{\"id\":\"n1\",\"text\":null}\n"), 1 << 20, 1 << 20)) {
                reader.validate(List.of(NOTE), later);
            }
        });
        assertTrue(
                refused.getMessage().contains("brings up archives of schema version 14 (up to 14.1) only"),
                refused::getMessage);
    }

    @Test
    void anArchivePackedAgainWithDirectoryEntriesPassesAndAChangedRowIsNamed() throws IOException {
        Map<String, byte[]> files = entries("14", "{\"id\":\"n1\",\"text\":\"hello\"}\n");
        Map<String, byte[]> repacked = new LinkedHashMap<>();
        repacked.put("tables/", new byte[0]); // as `zip -r` writes the folder
        repacked.putAll(files);
        try (ArchiveReader reader = read(zip(repacked), 1 << 20, 1 << 20)) {
            assertEquals(
                    List.of("note"),
                    List.copyOf(reader.validate(List.of(NOTE), VERSIONS).keySet()));
        }
        repacked.put("tables/note.ndjson", "{\"id\":\"n1\",\"text\":\"HELLO\"}\n".getBytes(StandardCharsets.UTF_8));
        assertRefused(zip(repacked), 1 << 20, "tables/note.ndjson");
    }

    @Test
    void aBodyAboveMaxBytesIsRefusedWhileSpooled() {
        assertThrows(
                PayloadTooLargeException.class,
                () -> read(archive("14", "{\"id\":\"n1\",\"text\":null}\n"), 100, 1 << 20));
    }

    @Test
    void anArchiveThatUnpacksBeyondItsBoundIsRefused() {
        String line = "{\"id\":\"n1\",\"text\":\"" + "x".repeat(100_000) + "\"}\n"; // compresses a thousandfold
        assertRefused(archive("14", line), 50_000, "unpacks to more than 50000 bytes");
    }

    @Test
    void aLineLongerThanTheBoundIsRefused() {
        String line = "{\"id\":\"n1\",\"text\":\"" + "x".repeat(ArchiveReader.MAX_LINE_BYTES) + "\"}\n";
        assertRefused(archive("14", line), Long.MAX_VALUE, "tables/note.ndjson line 1: longer than");
    }

    @Test
    void truncatedAndForeignInputIsRefused() {
        assertRefused("no zip".getBytes(StandardCharsets.UTF_8), 1 << 20, "not a tenant archive");
        assertRefused(archive("14", "{\"id\":\"n1\",\"text\":null}"), 1 << 20, "line 1: the last line has no line end");
        assertRefused(archive("15", "{\"id\":\"n1\",\"text\":null}\n"), 1 << 20, "schemaVersion 15 is newer");
        assertRefused(
                archive("13", "{\"id\":\"n1\",\"text\":null}\n"),
                1 << 20,
                "brings up archives of schema version 14 only");
        Map<String, byte[]> extra = entries("14", "{\"id\":\"n1\",\"text\":null}\n");
        extra.put("extra.txt", new byte[0]);
        assertRefused(zip(extra), 1 << 20, "entries");
    }

    private static void assertRefused(byte[] archive, long maxUnpacked, String expected) {
        ValidationFailedException refused = assertThrows(ValidationFailedException.class, () -> {
            try (ArchiveReader reader = read(archive, Long.MAX_VALUE, maxUnpacked)) {
                reader.validate(List.of(NOTE), VERSIONS);
            }
        });
        assertTrue(refused.getMessage().contains(expected), refused::getMessage);
    }

    private static ArchiveReader read(byte[] archive, long maxBytes, long maxUnpacked) throws IOException {
        return ArchiveReader.spool(new ByteArrayInputStream(archive), maxBytes, maxUnpacked);
    }

    private static byte[] archive(String schemaVersion, String rows) {
        return zip(entries(schemaVersion, rows));
    }

    /** An archive of tenant acme with the table {@code note}, its manifest's digests made to match. */
    private static Map<String, byte[]> entries(String schemaVersion, String rows) {
        byte[] tenant = "{\"id\":\"acme\",\"name\":\"Acme\",\"status\":\"ACTIVE\",\"hosts\":[],\"config\":{}}\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] note = rows.getBytes(StandardCharsets.UTF_8);
        long count = rows.chars().filter(c -> c == '\n').count();
        Manifest manifest = new Manifest(
                Manifest.FORMAT,
                schemaVersion,
                null,
                "acme",
                Instant.parse("2026-12-06T18:00:00Z"),
                true,
                List.of(
                        new Manifest.FileEntry(Manifest.TENANT, null, -1, sha256(tenant)),
                        new Manifest.FileEntry("tables/note.ndjson", "note", count, sha256(note))));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(Manifest.TENANT, tenant);
        entries.put("tables/note.ndjson", note);
        entries.put(Manifest.NAME, manifest.toJson().toString().getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
