package dev.rockstar.tenancy.portability.control;

import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.persistence.TenantRows;
import dev.rockstar.tenancy.users.entity.TenantUser;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of one table as the archive's lines: one JSON object per row, its keys the columns'
 * lower-case names in code point order, the tenant column left out, each value in its
 * {@link CanonicalValue} form, no whitespace. A row read from the database and the line parsed back
 * give the same canonical line, so a file's SHA-256 is a digest over canonical rows.
 *
 * <p>Without credentials, the columns {@link TenantUser} names as credentials are left out, and
 * restored as a user without a password.
 */
final class TableCodec {

    /** The value a credential column is restored with when the archive has none. */
    private static final Map<String, Map<String, Object>> WITHOUT_CREDENTIALS = Map.of(
            TenantUser.TABLE,
            fills(TenantUser.PASSWORD_HASH, TenantUser.NO_PASSWORD, TenantUser.CREDENTIAL_STAMP, null));

    private final TenantRows.Table table;
    private final String tenantColumn;
    private final CanonicalValue[] kinds;
    private final boolean[] included;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Object[] fills;

    /** A row parsed from its line: every column's value in the table's order, and the canonical line. */
    record Row(Object[] values, String line) {}

    TableCodec(TenantRows.Table table, boolean credentials) {
        this.table = table;
        this.tenantColumn = table.tenantColumn().toLowerCase(Locale.ROOT);
        List<TenantRows.Column> columns = table.columns();
        this.kinds = new CanonicalValue[columns.size()];
        this.included = new boolean[columns.size()];
        this.fills = new Object[columns.size()];
        Map<String, Object> omitted =
                credentials ? Map.of() : WITHOUT_CREDENTIALS.getOrDefault(archiveName(table), Map.of());
        for (int i = 0; i < columns.size(); i++) {
            TenantRows.Column column = columns.get(i);
            kinds[i] = CanonicalValue.of(column.type(), column.typeName());
            included[i] = !omitted.containsKey(column.name());
            fills[i] = omitted.get(column.name());
            indexOf.put(column.name(), i);
        }
    }

    /** A table's name in the archive: as SQL names it, without quotes. */
    static String archiveName(TenantRows.Table table) {
        String name = table.name();
        return name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name;
    }

    TenantRows.Table table() {
        return table;
    }

    /** The canonical line of a row read with the table's columns in their order. */
    String line(ResultSet row) throws SQLException {
        Object[] values = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            values[i] = included[i] ? kinds[i].read(row, i + 1) : null;
        }
        return line(values);
    }

    private String line(Object[] values) {
        StringBuilder line = new StringBuilder(128).append('{');
        boolean first = true;
        for (int i = 0; i < kinds.length; i++) {
            if (!included[i]) {
                continue;
            }
            if (!first) {
                line.append(',');
            }
            first = false;
            CanonicalValue.appendString(line, table.columns().get(i).name());
            line.append(':');
            kinds[i].append(line, values[i]);
        }
        return line.append('}').toString();
    }

    /**
     * Parses one line and checks it against the table: no tenant column, no unknown or missing
     * column, values of the columns' kinds that fit them.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    Row parse(String text) {
        JsonObject json;
        try (JsonReader reader = JsonP.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                throw new IllegalArgumentException("a row must be a JSON object");
            }
            json = object;
        } catch (JsonException e) {
            throw new IllegalArgumentException("not a JSON object (" + e.getMessage() + ")");
        }
        for (String key : json.keySet()) {
            if (key.equals(tenantColumn)) {
                JsonValue tenant = json.get(key);
                throw new IllegalArgumentException("a row must not carry the tenant column " + tenantColumn
                        + (tenant instanceof JsonString id ? " (this one is tenant '" + id.getString() + "')" : ""));
            }
            Integer index = indexOf.get(key);
            if (index == null) {
                throw new IllegalArgumentException("table " + archiveName(table) + " has no column '" + key + "'");
            }
            if (!included[index]) {
                throw new IllegalArgumentException(
                        "the archive has no credentials, yet the row has column '" + key + "'");
            }
        }
        Object[] values = new Object[kinds.length];
        List<TenantRows.Column> columns = table.columns();
        for (int i = 0; i < kinds.length; i++) {
            TenantRows.Column column = columns.get(i);
            if (!included[i]) {
                values[i] = fills[i];
                continue;
            }
            if (!json.containsKey(column.name())) {
                throw new IllegalArgumentException("column '" + column.name() + "' is missing");
            }
            try {
                values[i] = kinds[i].parse(json.get(column.name()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column '" + column.name() + "': " + e.getMessage());
            }
            if (values[i] == null && !column.nullable()) {
                throw new IllegalArgumentException("column '" + column.name() + "' must not be null");
            }
            if (values[i] instanceof String string
                    && column.length() > 0
                    && string.codePointCount(0, string.length()) > column.length()) {
                throw new IllegalArgumentException(
                        "column '" + column.name() + "' holds at most " + column.length() + " characters");
            }
        }
        return new Row(values, line(values));
    }

    /** Sets a parsed row's values as parameters 2 onwards of an insert (1 is the tenant). */
    void bind(PreparedStatement insert, Object[] values) throws SQLException {
        for (int i = 0; i < kinds.length; i++) {
            kinds[i].bind(insert, i + 2, table.columns().get(i).type(), values[i]);
        }
    }

    private static Map<String, Object> fills(String column, Object value, String column2, Object value2) {
        Map<String, Object> fills = new HashMap<>();
        fills.put(column, value);
        fills.put(column2, value2);
        return java.util.Collections.unmodifiableMap(fills);
    }

    /** The columns the archive's lines have for this table. */
    List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            if (included[i]) {
                names.add(table.columns().get(i).name());
            }
        }
        return names;
    }
}
