package dev.rockstar.tenancy.portability.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One column value in the archive's canonical form, whichever database it came from: the kind of
 * a column decides its Java value (read from a row or parsed from a line) and the one JSON token
 * that value is written as. Reading a row and parsing its line give the same value, so a value
 * written, read back and written again is the same bytes: what makes digests over canonical
 * rows equal on H2 and PostgreSQL.
 *
 * <ul>
 * <li>text: a JSON string ({@link #appendString} says which characters are escaped, and how)</li>
 * <li>integers: a JSON number; decimals and floating point: a JSON number in plain notation,
 * without trailing zeros ({@code 12.5}, {@code 0}, {@code 1000}); NaN and the infinities of
 * floating point as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}</li>
 * <li>booleans: {@code true}, {@code false}; SQL {@code NULL}: {@code null}</li>
 * <li>dates {@code "2026-12-06"}; times {@code "18:44:57.000000"}; timestamps
 * {@code "2026-12-06T18:44:57.123456"}, with time zone in UTC: {@code "2026-12-06T18:44:57.123456Z"}
 * (always six fractional digits: finer digits are cut)</li>
 * <li>binary: base64 (RFC 4648, with padding); UUIDs: their lower-case text</li>
 * <li>any other type: the database's text for it, a JSON string</li>
 * </ul>
 */
enum CanonicalValue {
    TEXT,
    INTEGER,
    DECIMAL,
    REAL,
    DOUBLE,
    BOOLEAN,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMP_TZ,
    BINARY,
    UUID,
    OTHER;

    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The kind of a column, from its JDBC type and the database's name for the type. */
    static CanonicalValue of(int sqlType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.equals("uuid")) {
            return UUID;
        }
        return switch (sqlType) {
            case Types.CHAR,
                    Types.VARCHAR,
                    Types.LONGVARCHAR,
                    Types.NCHAR,
                    Types.NVARCHAR,
                    Types.LONGNVARCHAR,
                    Types.CLOB,
                    Types.NCLOB -> TEXT;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.REAL -> REAL;
            case Types.FLOAT, Types.DOUBLE -> DOUBLE;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.DATE -> DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> TIME;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_TZ;
            // PostgreSQL's driver reports timestamptz as TIMESTAMP
            case Types.TIMESTAMP ->
                name.equals("timestamptz") || name.contains("with time zone") ? TIMESTAMP_TZ : TIMESTAMP;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
            default -> OTHER;
        };
    }

    /** The column's value in a row, canonical ({@code null} for SQL {@code NULL}). */
    Object read(ResultSet row, int index) throws SQLException {
        Object value = switch (this) {
            case TEXT, OTHER -> row.getString(index);
            case INTEGER -> row.getLong(index);
            case DECIMAL -> row.getBigDecimal(index);
            case REAL -> row.getFloat(index);
            case DOUBLE -> row.getDouble(index);
            case BOOLEAN -> row.getBoolean(index);
            case DATE -> row.getObject(index, LocalDate.class);
            case TIME -> row.getObject(index, LocalTime.class);
            case TIMESTAMP -> row.getObject(index, LocalDateTime.class);
            case TIMESTAMP_TZ -> row.getObject(index, OffsetDateTime.class);
            case BINARY -> row.getBytes(index);
            case UUID -> {
                Object uuid = row.getObject(index);
                yield uuid == null || uuid instanceof java.util.UUID ? uuid : row.getString(index);
            }
        };
        return row.wasNull() || value == null ? null : normalised(value);
    }

    /**
     * The value a line holds for a column of this kind, canonical.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    Object parse(JsonValue json) {
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            return normalised(
                    switch (this) {
                        case TEXT, OTHER -> string(json);
                        case INTEGER -> {
                            JsonNumber number = number(json);
                            if (!number.isIntegral()) {
                                throw new IllegalArgumentException("an integer was expected, not " + json);
                            }
                            yield number.bigDecimalValue().longValueExact();
                        }
                        case DECIMAL -> number(json).bigDecimalValue();
                        case REAL ->
                            json instanceof JsonString text
                                    ? Float.valueOf((float) nonFinite(text.getString()))
                                    : number(json).bigDecimalValue().floatValue();
                        case DOUBLE ->
                            json instanceof JsonString text
                                    ? nonFinite(text.getString())
                                    : number(json).bigDecimalValue().doubleValue();
                        case BOOLEAN -> {
                            if (json.getValueType() == JsonValue.ValueType.TRUE) {
                                yield Boolean.TRUE;
                            }
                            if (json.getValueType() == JsonValue.ValueType.FALSE) {
                                yield Boolean.FALSE;
                            }
                            throw new IllegalArgumentException("true or false was expected, not " + json);
                        }
                        case DATE -> LocalDate.parse(string(json));
                        case TIME -> LocalTime.parse(string(json));
                        case TIMESTAMP -> LocalDateTime.parse(string(json));
                        case TIMESTAMP_TZ -> OffsetDateTime.parse(string(json));
                        case BINARY -> Base64.getDecoder().decode(string(json));
                        case UUID -> {
                            String text = string(json);
                            if (!UUID_TEXT.matcher(text).matches()) {
                                throw new IllegalArgumentException("a UUID was expected, not " + json);
                            }
                            yield java.util.UUID.fromString(text);
                        }
                    });
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the number " + json + " is out of range");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "not a " + name().toLowerCase(Locale.ROOT).replace('_', ' ') + " in the archive's form: " + json);
        }
    }

    /** Sets the value as a statement's parameter. */
    void bind(PreparedStatement statement, int index, int sqlType, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
            return;
        }
        switch (this) {
            case TEXT -> statement.setString(index, (String) value);
            case OTHER -> statement.setObject(index, value, Types.OTHER);
            case INTEGER -> statement.setLong(index, (Long) value);
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case REAL -> statement.setFloat(index, (Float) value);
            case DOUBLE -> statement.setDouble(index, (Double) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case BINARY -> statement.setBytes(index, (byte[]) value);
            case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, UUID -> statement.setObject(index, value);
        }
    }

    /** Appends the value's one JSON token. */
    void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
            return;
        }
        switch (this) {
            case TEXT, OTHER -> appendString(out, (String) value);
            case INTEGER, BOOLEAN -> out.append(value);
            case DECIMAL -> out.append(plain((BigDecimal) value));
            case REAL, DOUBLE -> {
                double number = ((Number) value).doubleValue();
                if (Double.isFinite(number)) {
                    out.append(plain(new BigDecimal(value.toString())));
                } else {
                    appendString(out, value.toString());
                }
            }
            case DATE -> appendString(out, value.toString());
            case TIME -> appendString(out, TIME_FORMAT.format((LocalTime) value));
            case TIMESTAMP -> appendString(out, TIMESTAMP_FORMAT.format((LocalDateTime) value));
            case TIMESTAMP_TZ ->
                appendString(out, TIMESTAMP_FORMAT.format(((OffsetDateTime) value).toLocalDateTime()) + "Z");
            case BINARY -> appendString(out, Base64.getEncoder().encodeToString((byte[]) value));
            case UUID -> appendString(out, value.toString());
        }
    }

    /**
     * A JSON string in the one spelling the archive uses: {@code "} and {@code \} escaped with a
     * backslash; backspace, form feed, newline, carriage return and tab as {@code \b \f \n \r \t};
     * the other characters below U+0020 and unpaired surrogates as {@code \}{@code u} and four
     * lower-case hex digits; every other character as itself (UTF-8 in the file).
     */
    static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean paired = Character.isHighSurrogate(c)
                                    && i + 1 < text.length()
                                    && Character.isLowSurrogate(text.charAt(i + 1))
                            || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
                    if (c < 0x20 || (Character.isSurrogate(c) && !paired)) {
                        out.append("\\u")
                                .append(HEX[c >> 12 & 0xf])
                                .append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf])
                                .append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The value as every database gives it back: timestamps in UTC at microseconds, decimals without trailing zeros. */
    private static Object normalised(Object value) {
        if (value instanceof OffsetDateTime at) {
            return at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof LocalDateTime at) {
            return at.truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof LocalTime at) {
            return at.truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof BigDecimal number) {
            return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        }
        return value;
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    private static String string(JsonValue json) {
        if (json instanceof JsonString text) {
            return text.getString();
        }
        throw new IllegalArgumentException("a string was expected, not " + json);
    }

    private static JsonNumber number(JsonValue json) {
        if (json instanceof JsonNumber number) {
            return number;
        }
        throw new IllegalArgumentException("a number was expected, not " + json);
    }

    private static double nonFinite(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("a number was expected, not \"" + text + "\"");
        };
    }
}
