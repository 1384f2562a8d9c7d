package dev.rockstar.tenancy.portability.control;

import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.persistence.SchemaVersions;
import dev.rockstar.tenancy.persistence.TenantRows;
import dev.rockstar.tenancy.problems.PayloadTooLargeException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An uploaded archive, spooled to a temporary file and checked whole before anything is written:
 * a zip of this format, its manifest's versions, every entry the manifest lists and no other, every
 * line of every table's file against the table, every file's row count and digest. A refusal is a
 * {@link ValidationFailedException} naming the entry and, where it is about one, the line. Reading
 * is bounded: the body's bytes, the bytes unpacked, the entries, a line's length.
 */
final class ArchiveReader implements AutoCloseable {

    /** The longest line of a table's file, and the largest manifest or registry entry. */
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private final Path file;
    private final ZipFile zip;
    private final long maxUnpackedBytes;
    private long unpacked;
    private Manifest manifest;
    private JsonObject tenant;

    private ArchiveReader(Path file, long maxUnpackedBytes) throws IOException {
        this.file = file;
        this.maxUnpackedBytes = maxUnpackedBytes;
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            Files.deleteIfExists(file);
            throw new ValidationFailedException(
                    "The body is not a tenant archive: not a readable zip file (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Copies the body to a temporary file, refusing it with 413 once it passes {@code maxBytes}.
     */
    static ArchiveReader spool(InputStream body, long maxBytes, long maxUnpackedBytes) throws IOException {
        Path file = Files.createTempFile("tenancy-archive-", ".zip");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = read(body, buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new PayloadTooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new ArchiveReader(file, maxUnpackedBytes);
    }

    /**
     * A body that ends before its length, or that the server cut off (WildFly stops reading past
     * its {@code max-post-size}), is the client's or the server configuration's problem: named, as a 400.
     */
    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw invalid("The body could not be read whole (" + e.getMessage() + ")");
        }
    }

    Manifest manifest() {
        return manifest;
    }

    /** The registry entry, {@value Manifest#TENANT}, as it was exported. */
    JsonObject tenant() {
        return tenant;
    }

    /**
     * Checks the archive whole, against this server's tables and schema.
     *
     * @param tables this server's tenant-owned tables
     * @param versions this server's schema
     * @return each table's codec, by archive name
     */
    Map<String, TableCodec> validate(List<TenantRows.Table> tables, SchemaVersions versions) throws IOException {
        Map<String, ZipEntry> entries = entries(tables.size() + 2);
        ZipEntry manifestEntry = entries.get(Manifest.NAME);
        if (manifestEntry == null) {
            throw invalid("The body is not a tenant archive: it has no " + Manifest.NAME);
        }
        try {
            manifest = Manifest.fromJson(json(manifestEntry));
        } catch (IllegalArgumentException e) {
            throw invalid(Manifest.NAME + ": " + e.getMessage());
        }
        requireVersions(versions);
        Map<String, TenantRows.Table> byName = new HashMap<>();
        tables.forEach(t -> byName.put(TableCodec.archiveName(t), t));
        Set<String> listed = new HashSet<>();
        for (Manifest.FileEntry listedFile : manifest.files()) {
            listed.add(listedFile.name());
            if (!entries.containsKey(listedFile.name())) {
                throw invalid(Manifest.NAME + ": lists " + listedFile.name() + ", which the archive does not have");
            }
            if (listedFile.table() != null && !byName.containsKey(listedFile.table())) {
                throw invalid(listedFile.name() + ": this server has no tenant-owned table " + listedFile.table());
            }
        }
        for (String name : entries.keySet()) {
            if (!name.equals(Manifest.NAME) && !listed.contains(name)) {
                throw invalid(name + ": an entry the manifest does not list");
            }
        }
        if (!listed.contains(Manifest.TENANT)) {
            throw invalid(Manifest.NAME + ": lists no " + Manifest.TENANT);
        }
        for (String table : byName.keySet()) {
            if (!listed.contains(Manifest.fileOf(table))) {
                throw invalid(Manifest.NAME + ": lists no " + Manifest.fileOf(table) + " for the table " + table);
            }
        }
        Map<String, TableCodec> codecs = new HashMap<>();
        for (Manifest.FileEntry listedFile : manifest.files()) {
            if (listedFile.table() == null) {
                tenant = tenantEntry(entries.get(listedFile.name()), listedFile);
                continue;
            }
            TableCodec codec = new TableCodec(byName.get(listedFile.table()), manifest.credentials());
            checkRows(listedFile, codec);
            codecs.put(listedFile.table(), codec);
        }
        return codecs;
    }

    /**
     * The archive's files by name. Directory entries are passed over: an archive unpacked and
     * packed again by a zip tool (`zip -r`) gains one for {@code tables/}, and holds the same files.
     */
    private Map<String, ZipEntry> entries(int most) {
        Map<String, ZipEntry> entries = new HashMap<>();
        // Directories included, a bound before anything is iterated: a tenant archive needs one.
        if (zip.size() > 2 * most) {
            throw invalid(
                    "The archive has " + zip.size() + " entries; a tenant archive has at most " + most + " files");
        }
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            if (entry.isDirectory()) {
                continue;
            }
            if (entries.put(entry.getName(), entry) != null) {
                throw invalid(entry.getName() + ": the archive has this entry twice");
            }
        }
        if (entries.size() > most) {
            throw invalid("The archive has " + entries.size() + " file entries; a tenant archive has at most " + most);
        }
        return entries;
    }

    private void requireVersions(SchemaVersions versions) {
        String schema = manifest.schemaVersion();
        String ours = versions.framework();
        if (!SchemaVersions.isVersion(schema)) {
            throw invalid(Manifest.NAME + ": schemaVersion '" + schema + "' is no schema version");
        }
        int compared = SchemaVersions.compare(schema, ours);
        if (compared > 0) {
            throw invalid(Manifest.NAME + ": schemaVersion " + schema + " is newer than this server's " + ours
                    + "; restore it on a server whose schema is at version " + schema + " or later");
        }
        if (compared < 0 && !SchemaVersions.sameRowShape(schema, ours)) {
            throw invalid(Manifest.NAME + ": schemaVersion " + schema + " is older than this server's " + ours
                    + ", and this server brings up archives of schema version " + SchemaVersions.major(ours)
                    + (ours.equals(SchemaVersions.major(ours)) ? "" : " (up to " + ours + ")") + " only");
        }
        String app = manifest.applicationSchemaVersion();
        String ourApp = versions.application().orElse(null);
        if (!Objects.equals(app, ourApp)) {
            boolean newer = app != null
                    && (ourApp == null || (SchemaVersions.isVersion(app) && SchemaVersions.compare(app, ourApp) > 0));
            throw invalid(Manifest.NAME + ": applicationSchemaVersion " + app + " is "
                    + (newer ? "newer than" : "not") + " this server's " + ourApp
                    + "; this server restores archives of application schema version " + ourApp + " only");
        }
    }

    private JsonObject tenantEntry(ZipEntry entry, Manifest.FileEntry listed) throws IOException {
        byte[] bytes = bounded(entry, MAX_LINE_BYTES);
        String digest = HexFormat.of().formatHex(sha256().digest(bytes));
        if (!digest.equals(listed.sha256())) {
            throw invalid(entry.getName() + ": its SHA-256 is " + digest + ", the manifest says " + listed.sha256()
                    + ": the file was changed");
        }
        JsonObject json;
        try {
            json = parseObject(utf8(bytes, entry.getName()));
        } catch (IllegalArgumentException e) {
            throw invalid(entry.getName() + ": " + e.getMessage());
        }
        if (!(json.get("id") instanceof jakarta.json.JsonString id)
                || !id.getString().equals(manifest.tenantId())) {
            throw invalid(entry.getName() + ": id must be the manifest's tenantId '" + manifest.tenantId() + "'");
        }
        return json;
    }

    private void checkRows(Manifest.FileEntry listed, TableCodec codec) throws IOException {
        MessageDigest sha = sha256();
        long[] rows = {0};
        try {
            forEachRow(listed.name(), codec, row -> {
                sha.update(row.line().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
                rows[0]++;
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("no database is involved in checking a file", e);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        if (rows[0] != listed.rows()) {
            throw invalid(listed.name() + ": " + rows[0] + " rows, the manifest says " + listed.rows());
        }
        if (!digest.equals(listed.sha256())) {
            throw invalid(listed.name() + ": the SHA-256 of its canonical rows is " + digest + ", the manifest says "
                    + listed.sha256() + ": the file was changed");
        }
    }

    /** Receives the rows of a table's file, in the file's order. */
    @FunctionalInterface
    interface RowConsumer {
        void row(TableCodec.Row row) throws IOException, java.sql.SQLException;
    }

    /** Parses a table's file line by line (as {@link #validate} already has, for the second pass that writes). */
    void forEachRow(String name, TableCodec codec, RowConsumer consumer) throws IOException, java.sql.SQLException {
        ZipEntry entry = zip.getEntry(name);
        try (InputStream in = unpacking(entry)) {
            byte[] chunk = new byte[64 * 1024];
            byte[] line = new byte[8192];
            int length = 0;
            int lineNumber = 0;
            for (int read; (read = in.read(chunk)) > 0; ) {
                int from = 0;
                for (int i = 0; i < read; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    line = appended(line, length, chunk, from, i - from, name, lineNumber + 1);
                    length += i - from;
                    from = i + 1;
                    lineNumber++;
                    String where = name + " line " + lineNumber;
                    TableCodec.Row row;
                    try {
                        row = codec.parse(utf8(java.util.Arrays.copyOf(line, length), where));
                    } catch (IllegalArgumentException e) {
                        throw invalid(where + ": " + e.getMessage());
                    }
                    consumer.row(row);
                    length = 0;
                }
                line = appended(line, length, chunk, from, read - from, name, lineNumber + 1);
                length += read - from;
            }
            if (length > 0) {
                throw invalid(name + " line " + (lineNumber + 1) + ": the last line has no line end (truncated?)");
            }
        }
    }

    private static byte[] appended(
            byte[] line, int length, byte[] chunk, int from, int count, String name, int number) {
        if (length + count > MAX_LINE_BYTES) {
            throw invalid(name + " line " + number + ": longer than " + MAX_LINE_BYTES + " bytes");
        }
        byte[] target = line;
        if (length + count > line.length) {
            target = java.util.Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(chunk, from, target, length, count);
        return target;
    }

    private JsonObject json(ZipEntry entry) throws IOException {
        try {
            return parseObject(utf8(bounded(entry, MAX_LINE_BYTES), entry.getName()));
        } catch (IllegalArgumentException e) {
            throw invalid(entry.getName() + ": " + e.getMessage());
        }
    }

    private static JsonObject parseObject(String text) {
        try (JsonReader reader = JsonP.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                return object;
            }
            throw new IllegalArgumentException("not a JSON object");
        } catch (JsonException e) {
            throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")");
        }
    }

    private byte[] bounded(ZipEntry entry, int most) throws IOException {
        try (InputStream in = unpacking(entry)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > most) {
                    throw invalid(entry.getName() + ": larger than " + most + " bytes");
                }
            }
            return bytes.toByteArray();
        }
    }

    /** The entry's bytes, counted against the bound on all bytes unpacked (whatever its header claims). */
    private InputStream unpacking(ZipEntry entry) throws IOException {
        InputStream in;
        try {
            in = zip.getInputStream(entry);
        } catch (ZipException e) {
            throw invalid(entry.getName() + ": unreadable (" + e.getMessage() + ")");
        }
        return new FilterInputStream(new java.io.BufferedInputStream(in, 64 * 1024)) {
            @Override
            public int read() throws IOException {
                int b = readChecked(() -> super.read());
                if (b >= 0) {
                    count(entry, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = readChecked(() -> super.read(buffer, offset, length));
                if (n > 0) {
                    count(entry, n);
                }
                return n;
            }
        };
    }

    @FunctionalInterface
    private interface Read {
        int read() throws IOException;
    }

    private static int readChecked(Read read) throws IOException {
        try {
            return read.read();
        } catch (ZipException | java.io.EOFException e) {
            throw invalid("The archive is damaged or truncated (" + e.getMessage() + ")");
        }
    }

    private void count(ZipEntry entry, long n) {
        unpacked += n;
        if (unpacked > maxUnpackedBytes) {
            throw invalid(entry.getName() + ": the archive unpacks to more than " + maxUnpackedBytes
                    + " bytes (tenancy.archive.max-unpacked-bytes)");
        }
    }

    private static String utf8(byte[] bytes, String where) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(where + ": not UTF-8");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ValidationFailedException invalid(String detail) {
        return new ValidationFailedException(detail);
    }

    /** Resets the count of bytes unpacked, before a second pass over the rows. */
    void nextPass() {
        unpacked = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            zip.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
