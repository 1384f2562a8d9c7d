package dev.rockstar.tenancy.tenant.entity;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.rockstar.tenancy.problems.ValidationFailedException;

/**
 * A tenant's own settings, the seed's {@code TenantConfig}: free-form feature flags, the known
 * numeric limits and the known branding keys. Unknown limit or branding keys are refused so that
 * a typo ({@code maxDocument}) is an error rather than a silently ignored setting.
 */
public record TenantConfig(Map<String, Boolean> features, Map<String, Long> limits, Map<String, String> branding) {

    public static final Set<String> KNOWN_LIMITS = Set.of("requestsPerSecond", "maxDocuments");
    public static final Set<String> KNOWN_BRANDING = Set.of("displayName", "primaryColor", "logoUrl");
    public static final TenantConfig EMPTY = new TenantConfig(Map.of(), Map.of(), Map.of());

    private static final Set<String> SECTIONS = Set.of("features", "limits", "branding");
    private static final Pattern FEATURE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?");
    private static final int MAX_TEXT = 500;

    public TenantConfig {
        features = Collections.unmodifiableMap(new TreeMap<>(features));
        limits = Collections.unmodifiableMap(new TreeMap<>(limits));
        branding = Collections.unmodifiableMap(new TreeMap<>(branding));
    }

    /**
     * Reads and validates a {@code config} object; {@code field} is its name in the request, for
     * messages such as {@code config.limits.maxDocuments must be a whole number >= 0}.
     */
    public static TenantConfig fromJson(JsonValue value, String field) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return EMPTY;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ValidationFailedException(field + " must be an object");
        }
        JsonObject json = value.asJsonObject();
        for (String key : json.keySet()) {
            if (!SECTIONS.contains(key)) {
                throw new ValidationFailedException(field + "." + key + " is not known; use features, limits or branding");
            }
        }
        return new TenantConfig(
                section(json, field + ".features", TenantConfig::feature),
                section(json, field + ".limits", TenantConfig::limit),
                section(json, field + ".branding", TenantConfig::brandingValue));
    }

    public static TenantConfig fromJson(String json) {
        return fromJson(Json.createReader(new StringReader(json)).readObject(), "config");
    }

    /** These settings with {@code own}'s on top, key by key: defaults first, the tenant's own win. */
    public TenantConfig overlaidWith(TenantConfig own) {
        Map<String, Boolean> f = new TreeMap<>(features);
        f.putAll(own.features);
        Map<String, Long> l = new TreeMap<>(limits);
        l.putAll(own.limits);
        Map<String, String> b = new TreeMap<>(branding);
        b.putAll(own.branding);
        return new TenantConfig(f, l, b);
    }

    public JsonObject toJson() {
        JsonObjectBuilder f = Json.createObjectBuilder();
        features.forEach(f::add);
        JsonObjectBuilder l = Json.createObjectBuilder();
        limits.forEach(l::add);
        JsonObjectBuilder b = Json.createObjectBuilder();
        branding.forEach(b::add);
        return Json.createObjectBuilder().add("features", f).add("limits", l).add("branding", b).build();
    }

    private interface EntryReader<T> {
        T read(String key, String field, JsonValue value);
    }

    private static <T> Map<String, T> section(JsonObject config, String field, EntryReader<T> reader) {
        JsonValue value = config.get(field.substring(field.lastIndexOf('.') + 1)); // the section's name
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ValidationFailedException(field + " must be an object");
        }
        Map<String, T> result = new TreeMap<>();
        value.asJsonObject().forEach((key, entry) -> result.put(key, reader.read(key, field + "." + key, entry)));
        return result;
    }

    private static Boolean feature(String key, String field, JsonValue value) {
        if (!FEATURE_NAME.matcher(key).matches()) {
            throw new ValidationFailedException(field + " is not a valid feature name (letters, digits, '.', '_', '-')");
        }
        if (value == JsonValue.TRUE) {
            return Boolean.TRUE;
        }
        if (value == JsonValue.FALSE) {
            return Boolean.FALSE;
        }
        throw new ValidationFailedException(field + " must be true or false");
    }

    private static Long limit(String key, String field, JsonValue value) {
        if (!KNOWN_LIMITS.contains(key)) {
            throw new ValidationFailedException(field + " is not a known limit; known: " + new TreeSet<>(KNOWN_LIMITS));
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            BigDecimal number = ((JsonNumber) value).bigDecimalValue();
            if (number.signum() >= 0 && number.stripTrailingZeros().scale() <= 0
                    && number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                return number.longValueExact();
            }
        }
        throw new ValidationFailedException(field + " must be a whole number >= 0");
    }

    private static String brandingValue(String key, String field, JsonValue value) {
        if (!KNOWN_BRANDING.contains(key)) {
            throw new ValidationFailedException(field + " is not a known branding key; known: " + new TreeSet<>(KNOWN_BRANDING));
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new ValidationFailedException(field + " must be a string");
        }
        String text = ((JsonString) value).getString();
        if (text.length() > MAX_TEXT) {
            throw new ValidationFailedException(field + " must be at most " + MAX_TEXT + " characters");
        }
        if (key.equals("primaryColor") && !COLOR.matcher(text).matches()) {
            throw new ValidationFailedException(field + " must be a colour like #1a2b3c");
        }
        if (key.equals("logoUrl") && !isWebUrl(text)) {
            throw new ValidationFailedException(field + " must be an http or https URL");
        }
        return text;
    }

    private static boolean isWebUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
