package dev.rockstar.tenancy.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonMergePatch;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.Reader;
import java.util.Collection;

/**
 * The JSON-P factories of {@code jakarta.json.Json}, served by one provider looked up once. Every
 * {@code Json.createXxx()} call runs {@code JsonProvider.provider()}, a {@code ServiceLoader} scan
 * of the web application's class path; on the request path that scan took 59 % of the CPU of
 * {@code GET /api/tenant/info} (measured in docs/BENCHMARKS.md). The provider is thread-safe and
 * the same one those calls would find, so the bytes written are the same. Code of this project
 * calls these methods instead of {@code Json}'s ({@code ArchitectureTest} keeps it so).
 * <pre>
 * JsonObject json = JsonP.createObjectBuilder().add("host", host).build();
 * </pre>
 */
public final class JsonP {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonP() {}

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder createObjectBuilder(JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonParser createParser(Reader reader) {
        return PROVIDER.createParser(reader);
    }

    public static JsonMergePatch createMergePatch(JsonValue patch) {
        return PROVIDER.createMergePatch(patch);
    }

    public static JsonString createValue(String value) {
        return PROVIDER.createValue(value);
    }
}
