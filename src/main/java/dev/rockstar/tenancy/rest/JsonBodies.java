package dev.rockstar.tenancy.rest;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import dev.rockstar.tenancy.problems.ValidationFailedException;

/**
 * Reads request bodies with JSON-P, so that every malformed body or field gets a
 * {@code VALIDATION_FAILED} naming the field, the same on every server.
 */
public final class JsonBodies {

    // Json.createXxx() looks JsonProvider up through ServiceLoader, a class-path scan, on every
    // call: 59 % of the CPU of GET /api/tenant/info (docs/BENCHMARKS.md). Once per class is enough.
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonBodies() {
    }

    /**
     * @param allowed the members the call understands, any other member refused; {@code null}
     *        ignores members the call does not read (as tenant APIs do with a {@code tenant_id})
     */
    public static JsonObject object(String body, Set<String> allowed) {
        JsonValue value = value(body);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ValidationFailedException("The body must be a JSON object");
        }
        return object(value.asJsonObject(), allowed);
    }

    /** A JSON object of a body, such as one element of a batch, with {@code allowed} as above. */
    public static JsonObject object(JsonObject json, Set<String> allowed) {
        for (String member : allowed == null ? Set.<String>of() : json.keySet()) {
            if (!allowed.contains(member)) {
                throw new ValidationFailedException(member + " is not a known field; known: " + allowed.stream().sorted().toList());
            }
        }
        return json;
    }

    /** A body that is one JSON array, for batches. */
    public static JsonArray array(String body) {
        JsonValue value = value(body);
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new ValidationFailedException("The body must be a JSON array");
        }
        return value.asJsonArray();
    }

    private static JsonValue value(String body) {
        JsonValue value;
        try (JsonParser parser = JSON.createParser(new StringReader(body == null ? "" : body))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) { // JSON-P readers stop after the first value and ignore the rest
                throw new ValidationFailedException("The body has content after its JSON value");
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new ValidationFailedException("The body is not valid JSON");
        }
        return value;
    }

    /** @return the string, or {@code null} when absent or JSON {@code null} */
    public static String string(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new ValidationFailedException(field + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    public static String requiredString(JsonObject json, String field) {
        String value = string(json, field);
        if (value == null) {
            throw new ValidationFailedException(field + " is required");
        }
        return value;
    }

    /** @return the strings, or {@code null} when absent or JSON {@code null} */
    public static List<String> strings(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new ValidationFailedException(field + " must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        List<JsonValue> items = value.asJsonArray();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).getValueType() != JsonValue.ValueType.STRING) {
                throw new ValidationFailedException(field + "[" + i + "] must be a string");
            }
            result.add(((JsonString) items.get(i)).getString());
        }
        return result;
    }

    /** Reads a paging parameter; {@code null} means the default. */
    public static int intParam(String raw, String name, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ValidationFailedException(name + " must be a whole number from " + min + " to " + max);
    }
}
