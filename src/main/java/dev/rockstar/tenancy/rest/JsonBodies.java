package dev.rockstar.tenancy.rest;

import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads request bodies with JSON-P, so that every malformed body or field gets a
 * {@code VALIDATION_FAILED} naming the field, the same on every server.
 */
public final class JsonBodies {

    /**
     * Deeper than any body of this API: JSON-P builds nested values recursively, and 100,000
     * nested arrays (200 KB, well under the body limit) would overflow a request thread's stack.
     */
    static final int MAX_DEPTH = 32;

    private JsonBodies() {}

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
                throw new ValidationFailedException(
                        member,
                        member + " is not a known field; known: "
                                + allowed.stream().sorted().toList());
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
        requireShallow(body == null ? "" : body);
        JsonValue value;
        try (JsonParser parser = JsonP.createParser(new StringReader(body == null ? "" : body))) {
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

    /**
     * Counts brackets outside strings, before the parser sees the body: linear, no recursion,
     * and it stops at the first bracket too many.
     */
    private static void requireShallow(String body) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw new ValidationFailedException("The body nests deeper than " + MAX_DEPTH + " levels");
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    /** @return the string, or {@code null} when absent or JSON {@code null} */
    public static String string(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new ValidationFailedException(field, field + " must be a string");
        }
        return storable(((JsonString) value).getString(), field);
    }

    /**
     * JSON may escape what no database column should hold: PostgreSQL refuses U+0000 in text
     * (the write would fail as a 500), and a lone surrogate has no UTF-8 form (it would be
     * stored as '?'). Refused up front, by field.
     */
    private static String storable(String text, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new ValidationFailedException(field, field + " must not contain the character U+0000");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ValidationFailedException(field, field + " contains a lone UTF-16 surrogate");
            }
        }
        return text;
    }

    /**
     * A string that is compared, never stored as sent (a login's username and password), so any
     * text JSON can hold, U+0000 included: a wrong login answers 401 whatever it contains, and the
     * audit log stores the attempted name without its control characters.
     */
    public static String requiredCredential(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new ValidationFailedException(field, field + " is required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new ValidationFailedException(field, field + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    public static String requiredString(JsonObject json, String field) {
        String value = string(json, field);
        if (value == null) {
            throw new ValidationFailedException(field, field + " is required");
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
            throw new ValidationFailedException(field, field + " must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        List<JsonValue> items = value.asJsonArray();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).getValueType() != JsonValue.ValueType.STRING) {
                throw new ValidationFailedException(field + "[" + i + "]", field + "[" + i + "] must be a string");
            }
            result.add(storable(((JsonString) items.get(i)).getString(), field + "[" + i + "]"));
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
        throw new ValidationFailedException(name, name + " must be a whole number from " + min + " to " + max);
    }
}
