package dev.rockstar.tenancy.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

    private static final Set<String> FIELDS = Set.of("id", "hosts");

    @Test
    void readsAnObjectWithKnownFields() {
        JsonObject json = JsonBodies.object("{\"id\":\"acme\",\"hosts\":[\"a.test\"]}", FIELDS);
        assertEquals("acme", JsonBodies.requiredString(json, "id"));
        assertEquals(List.of("a.test"), JsonBodies.strings(json, "hosts"));
    }

    @Test
    void absentAndNullAreTheSame() {
        JsonObject json = JsonBodies.object("{\"id\":null}", FIELDS);
        assertNull(JsonBodies.string(json, "id"));
        assertNull(JsonBodies.strings(json, "hosts"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "{",
                "{\"id\":}",
                "[]",
                "\"acme\"",
                "42",
                "null",
                "{\"id\":\"a\"} {}",
                "{\"id\":\"a\"} x",
                "{\"tenant_id\":\"other\"}"
            })
    void refusesWhatIsNotAnObjectOfKnownFields(String body) {
        assertThrows(ValidationFailedException.class, () -> JsonBodies.object(body, FIELDS));
    }

    @Test
    void namesTheWrongField() {
        JsonObject json = JsonBodies.object("{\"id\":5,\"hosts\":[\"a\",false]}", FIELDS);
        assertEquals(
                "id must be a string",
                assertThrows(ValidationFailedException.class, () -> JsonBodies.string(json, "id"))
                        .getMessage());
        assertEquals(
                "hosts[1] must be a string",
                assertThrows(ValidationFailedException.class, () -> JsonBodies.strings(json, "hosts"))
                        .getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "501", "x", "1.5", "99999999999"})
    void pagingParametersStayInRange(String raw) {
        assertThrows(ValidationFailedException.class, () -> JsonBodies.intParam(raw, "limit", 50, 1, 500));
    }

    @Test
    void aMissingParameterTakesItsDefault() {
        assertEquals(50, JsonBodies.intParam(null, "limit", 50, 1, 500));
        assertEquals(7, JsonBodies.intParam("7", "limit", 50, 1, 500));
    }

    @Test
    void refusesNestingDeeperThanAnyBodyOfTheApi() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals(
                "The body nests deeper than 32 levels",
                assertThrows(ValidationFailedException.class, () -> JsonBodies.array(deep))
                        .getMessage());
        assertThrows(
                ValidationFailedException.class,
                () -> JsonBodies.object("{\"a\":" + "{\"b\":".repeat(40) + "1" + "}".repeat(41), null));
        assertEquals(1, JsonBodies.array("[".repeat(32) + "]".repeat(32)).size());
        // brackets inside strings, escaped quotes included, are text, not nesting
        JsonObject text = JsonBodies.object("{\"t\":\"\\\"" + "[".repeat(100) + "\"}", null);
        assertEquals("\"" + "[".repeat(100), JsonBodies.string(text, "t"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"id\":\"a\\u0000b\"}",
                "{\"id\":\"\\ud800\"}",
                "{\"id\":\"x\\udc00y\"}",
                "{\"hosts\":[\"ok\",\"\\u0000\"]}"
            })
    void refusesWhatNoColumnCanStore(String body) {
        JsonObject json = JsonBodies.object(body, FIELDS);
        assertThrows(ValidationFailedException.class, () -> {
            JsonBodies.string(json, "id");
            JsonBodies.strings(json, "hosts");
        });
    }

    @Test
    void keepsCharactersOutsideTheBasicPlane() {
        assertEquals("\uD83D\uDE00", JsonBodies.string(JsonBodies.object("{\"id\":\"\\ud83d\\ude00\"}", FIELDS), "id"));
    }
}
