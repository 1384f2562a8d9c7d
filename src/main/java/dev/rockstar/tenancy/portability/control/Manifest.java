package dev.rockstar.tenancy.portability.control;

import dev.rockstar.tenancy.json.JsonP;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An archive's {@value #NAME}: what it is (format and schema versions, the tenant, when it was
 * made, whether it holds credentials) and every other entry with its SHA-256, and for a table's
 * file the table and its number of rows. Written last, once every digest is known; readers find it
 * through the zip's central directory.
 *
 * @param format the archive format's version, {@value #FORMAT}
 * @param schemaVersion the framework's schema version the rows have the shape of
 * @param applicationSchemaVersion the application's own schema version, {@code null} without one
 * @param tenantId the tenant the archive was made of
 * @param createdAt when the snapshot was taken
 * @param credentials whether users' password hashes (and credential stamps) are in it
 * @param files every entry but this one
 */
record Manifest(
        int format,
        String schemaVersion,
        String applicationSchemaVersion,
        String tenantId,
        Instant createdAt,
        boolean credentials,
        List<FileEntry> files) {

    static final String NAME = "manifest.json";
    static final String TENANT = "tenant.json";
    static final String TABLES = "tables/";
    static final String TABLE_SUFFIX = ".ndjson";
    static final int FORMAT = 1;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * One entry of the archive.
     *
     * @param name its path in the zip
     * @param table the table its rows belong to; {@code null} for {@value #TENANT}
     * @param rows its number of rows (lines); {@code -1} for {@value #TENANT}
     * @param sha256 the SHA-256 of its bytes, lower-case hex
     */
    record FileEntry(String name, String table, long rows, String sha256) {}

    static String fileOf(String table) {
        return TABLES + table + TABLE_SUFFIX;
    }

    JsonObject toJson() {
        JsonArrayBuilder entries = JsonP.createArrayBuilder();
        for (FileEntry file : files) {
            JsonObjectBuilder entry = JsonP.createObjectBuilder().add("name", file.name());
            if (file.table() != null) {
                entry.add("table", file.table()).add("rows", file.rows());
            }
            entries.add(entry.add("sha256", file.sha256()));
        }
        JsonObjectBuilder json =
                JsonP.createObjectBuilder().add("format", format).add("schemaVersion", schemaVersion);
        if (applicationSchemaVersion == null) {
            json.addNull("applicationSchemaVersion");
        } else {
            json.add("applicationSchemaVersion", applicationSchemaVersion);
        }
        return json.add("tenantId", tenantId)
                .add("createdAt", createdAt.toString())
                .add("credentials", credentials)
                .add("files", entries)
                .build();
    }

    /**
     * Reads a manifest, checking the shape of every field.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    static Manifest fromJson(JsonObject json) {
        int format = (int) integer(json, "format");
        if (format != FORMAT) {
            throw new IllegalArgumentException(
                    "format " + format + " is not one this server reads (it reads " + FORMAT + ")");
        }
        JsonValue app = json.get("applicationSchemaVersion");
        if (app != null && app.getValueType() != JsonValue.ValueType.NULL && !(app instanceof JsonString)) {
            throw new IllegalArgumentException("applicationSchemaVersion must be a string or null");
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(string(json, "createdAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("createdAt must be an ISO-8601 instant");
        }
        JsonValue credentials = json.get("credentials");
        if (credentials == null
                || (credentials.getValueType() != JsonValue.ValueType.TRUE
                        && credentials.getValueType() != JsonValue.ValueType.FALSE)) {
            throw new IllegalArgumentException("credentials must be true or false");
        }
        if (!(json.get("files") instanceof jakarta.json.JsonArray array)) {
            throw new IllegalArgumentException("files must be an array");
        }
        List<FileEntry> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject file)) {
                throw new IllegalArgumentException("files[" + i + "] must be an object");
            }
            String name = string(file, "name");
            String sha256 = string(file, "sha256");
            if (!SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("files[" + i + "].sha256 must be 64 lower-case hex digits");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("files[" + i + "] names " + name + " a second time");
            }
            if (name.equals(TENANT)) {
                files.add(new FileEntry(name, null, -1, sha256));
                continue;
            }
            String table = string(file, "table");
            long rows = integer(file, "rows");
            if (rows < 0 || !name.equals(fileOf(table))) {
                throw new IllegalArgumentException(
                        "files[" + i + "] must be " + fileOf(table) + " with rows of 0 or more");
            }
            files.add(new FileEntry(name, table, rows, sha256));
        }
        return new Manifest(
                format,
                string(json, "schemaVersion"),
                app instanceof JsonString text ? text.getString() : null,
                string(json, "tenantId"),
                createdAt,
                credentials.getValueType() == JsonValue.ValueType.TRUE,
                List.copyOf(files));
    }

    private static String string(JsonObject json, String field) {
        if (json.get(field) instanceof JsonString text) {
            return text.getString();
        }
        throw new IllegalArgumentException(field + " must be a string");
    }

    private static long integer(JsonObject json, String field) {
        if (json.get(field) instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(field + " must be an integer");
    }
}
