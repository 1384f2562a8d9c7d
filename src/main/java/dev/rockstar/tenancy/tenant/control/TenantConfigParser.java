package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates a {@code config} object of the admin API or of the stored tenant. Unknown
 * limit or branding keys are refused so that a typo ({@code maxDocument}) is an error rather than
 * a silently ignored setting.
 */
public final class TenantConfigParser {

    private static final Set<String> SECTIONS = Set.of("features", "limits", "branding");
    private static final Pattern FEATURE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?");
    private static final int MAX_TEXT = 500;
    /** A percentage of requestsPerSecond: 0 would lock every client out, which requestsPerSecond 0 already says. */
    private static final String CLIENT_SHARE_PERCENT = "clientSharePercent";

    private TenantConfigParser() {}

    /**
     * Reads and validates a {@code config} object; {@code field} is its name in the request, for
     * messages such as {@code config.limits.maxDocuments must be a whole number >= 0}.
     */
    public static TenantConfig parse(JsonValue value, String field) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return TenantConfig.EMPTY;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ValidationFailedException(field, field + " must be an object");
        }
        JsonObject json = value.asJsonObject();
        for (String key : json.keySet()) {
            if (!SECTIONS.contains(key)) {
                throw new ValidationFailedException(
                        field + "." + key, field + "." + key + " is not known; use features, limits or branding");
            }
        }
        return new TenantConfig(
                section(json, field + ".features", TenantConfigParser::feature),
                section(json, field + ".limits", TenantConfigParser::limit),
                section(json, field + ".branding", TenantConfigParser::brandingValue));
    }

    public static TenantConfig parse(String json) {
        return parse(JsonP.createReader(new StringReader(json)).readObject(), "config");
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
            throw new ValidationFailedException(field, field + " must be an object");
        }
        Map<String, T> result = new TreeMap<>();
        value.asJsonObject().forEach((key, entry) -> result.put(key, reader.read(key, field + "." + key, entry)));
        return result;
    }

    private static Boolean feature(String key, String field, JsonValue value) {
        if (!FEATURE_NAME.matcher(key).matches()) {
            throw new ValidationFailedException(
                    field, field + " is not a valid feature name (letters, digits, '.', '_', '-')");
        }
        if (value == JsonValue.TRUE) {
            return Boolean.TRUE;
        }
        if (value == JsonValue.FALSE) {
            return Boolean.FALSE;
        }
        throw new ValidationFailedException(field, field + " must be true or false");
    }

    private static Long limit(String key, String field, JsonValue value) {
        if (!TenantConfig.KNOWN_LIMITS.contains(key)) {
            throw new ValidationFailedException(
                    field, field + " is not a known limit; known: " + new TreeSet<>(TenantConfig.KNOWN_LIMITS));
        }
        boolean share = key.equals(CLIENT_SHARE_PERCENT);
        BigDecimal min = share ? BigDecimal.ONE : BigDecimal.ZERO;
        BigDecimal max = BigDecimal.valueOf(share ? 100 : Long.MAX_VALUE);
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            BigDecimal number = ((JsonNumber) value).bigDecimalValue();
            if (number.compareTo(min) >= 0 && number.stripTrailingZeros().scale() <= 0 && number.compareTo(max) <= 0) {
                return number.longValueExact();
            }
        }
        throw new ValidationFailedException(
                field,
                field
                        + (share
                                ? " must be a whole number from 1 to 100 (100 turns the share off)"
                                : " must be a whole number >= 0"));
    }

    private static String brandingValue(String key, String field, JsonValue value) {
        if (!TenantConfig.KNOWN_BRANDING.contains(key)) {
            throw new ValidationFailedException(
                    field,
                    field + " is not a known branding key; known: " + new TreeSet<>(TenantConfig.KNOWN_BRANDING));
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new ValidationFailedException(field, field + " must be a string");
        }
        String text = ((JsonString) value).getString();
        if (text.length() > MAX_TEXT) {
            throw new ValidationFailedException(field, field + " must be at most " + MAX_TEXT + " characters");
        }
        if (key.equals("primaryColor") && !COLOR.matcher(text).matches()) {
            throw new ValidationFailedException(field, field + " must be a colour like #1a2b3c");
        }
        if (key.equals("logoUrl") && !isWebUrl(text)) {
            throw new ValidationFailedException(field, field + " must be an http or https URL");
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
