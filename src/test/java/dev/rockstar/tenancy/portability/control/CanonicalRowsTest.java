package dev.rockstar.tenancy.portability.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.persistence.TenantRows;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical line of a row: one spelling per value, whatever spelling a line came in. */
class CanonicalRowsTest {

    private static final TenantRows.Column ID = new TenantRows.Column("id", "ID", Types.VARCHAR, "VARCHAR", false, 36);
    private static final TenantRows.Column AMOUNT =
            new TenantRows.Column("amount", "AMOUNT", Types.NUMERIC, "NUMERIC", true, 10);
    private static final TenantRows.Column AT =
            new TenantRows.Column("at", "AT", Types.TIMESTAMP, "timestamptz", true, 0);
    private static final TenantRows.Column COUNT =
            new TenantRows.Column("count", "COUNT", Types.BIGINT, "BIGINT", true, 0);
    private static final TenantRows.Column DATA =
            new TenantRows.Column("data", "DATA", Types.VARBINARY, "bytea", true, 0);
    private static final TenantRows.Column FLAG = new TenantRows.Column("flag", "FLAG", Types.BIT, "bool", true, 0);
    private static final TenantRows.Column LOCAL =
            new TenantRows.Column("local", "LOCAL", Types.TIMESTAMP, "TIMESTAMP", true, 0);

    private static final TenantRows.Table TABLE =
            new TenantRows.Table("sample", "TENANT_ID", List.of(AMOUNT, AT, COUNT, DATA, FLAG, ID, LOCAL), List.of(ID));

    private final TableCodec codec = new TableCodec(TABLE, true);

    @Test
    void oneSpellingOfEveryValue() {
        String line = codec.parse("{ \"id\" : \"r1\", \"local\": \"2026-12-06T18:44:57.5\", \"flag\": true,"
                        + " \"data\": \"AAEC\", \"count\": 42, \"at\": \"2026-12-06T19:44:57.1234567+01:00\","
                        + " \"amount\": 12.50 }")
                .line();
        assertEquals(
                "{\"amount\":12.5,\"at\":\"2026-12-06T18:44:57.123456Z\",\"count\":42,\"data\":\"AAEC\",\"flag\":true,"
                        + "\"id\":\"r1\",\"local\":\"2026-12-06T18:44:57.500000\"}",
                line,
                "keys sorted, no spaces, timestamps in UTC at microseconds, decimals without trailing zeros");
        assertEquals(line, codec.parse(line).line(), "a canonical line is its own canonical form");
    }

    @Test
    void nullsZeroAndLargeDecimals() {
        assertEquals(
                "{\"amount\":0,\"at\":null,\"count\":null,\"data\":null,\"flag\":null,\"id\":\"r\",\"local\":null}",
                codec.parse("{\"amount\":0.000,\"at\":null,\"count\":null,\"data\":null,\"flag\":null,\"id\":\"r\","
                                + "\"local\":null}")
                        .line());
        assertTrue(
                codec.parse("{\"amount\":1E+3,\"at\":null,\"count\":null,\"data\":null,\"flag\":null,\"id\":\"r\","
                                + "\"local\":null}")
                        .line()
                        .startsWith("{\"amount\":1000,"),
                "plain notation");
    }

    @Test
    void textIsEscapedOneWay() {
        StringBuilder out = new StringBuilder();
        CanonicalValue.appendString(out, "a\"b\\c\n\t\u0001\u00e9\ud83d\ude00\ud800x\u2028");
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\u00e9\ud83d\ude00\\ud800x\u2028\"", out.toString());
    }

    @Test
    void refusesWhatIsNotARowOfTheTable() {
        String rest = "\"amount\":null,\"at\":null,\"count\":null,\"data\":null,\"flag\":null,\"local\":null";
        assertRefused("{\"tenant_id\":\"other\",\"id\":\"r\"," + rest + "}", "tenant column tenant_id");
        assertRefused("{\"id\":\"r\",\"extra\":1," + rest + "}", "no column 'extra'");
        assertRefused("{" + rest + "}", "column 'id' is missing");
        assertRefused("{\"id\":null," + rest + "}", "must not be null");
        assertRefused("{\"id\":\"" + "x".repeat(37) + "\"," + rest + "}", "at most 36 characters");
        assertRefused("{\"id\":\"r\"," + rest.replace("\"count\":null", "\"count\":1.5") + "}", "an integer");
        assertRefused("{\"id\":\"r\"," + rest.replace("\"at\":null", "\"at\":\"yesterday\"") + "}", "timestamp");
        assertRefused("[1]", "JSON object");
        assertRefused("{\"id\":", "not a JSON object");
    }

    @Test
    void withoutCredentialsTheUsersPasswordColumnsAreLeftOutAndFilled() {
        TenantRows.Table users = new TenantRows.Table(
                "tenant_user",
                "tenant_id",
                List.of(
                        new TenantRows.Column(
                                "credential_stamp", "credential_stamp", Types.VARCHAR, "varchar", true, 36),
                        new TenantRows.Column("password_hash", "password_hash", Types.VARCHAR, "varchar", false, 500),
                        new TenantRows.Column("username", "username", Types.VARCHAR, "varchar", false, 100)),
                List.of());
        TableCodec without = new TableCodec(users, false);
        TableCodec.Row row = without.parse("{\"username\":\"alice\"}");
        assertEquals("{\"username\":\"alice\"}", row.line());
        assertEquals(java.util.Arrays.asList(null, "", "alice"), java.util.Arrays.asList(row.values()));
        assertThrows(
                IllegalArgumentException.class, () -> without.parse("{\"username\":\"a\",\"password_hash\":\"x\"}"));
    }

    private void assertRefused(String line, String expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> codec.parse(line));
        assertTrue(refused.getMessage().contains(expected), refused::getMessage);
    }
}
