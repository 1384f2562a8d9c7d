package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.tenant.control.TenantJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A tenant's settings as the console's form writes them, turned into the API's {@code config}
 * object, so the control classes validate it exactly as they validate the API's: features one per
 * line ({@code exports} or {@code beta=false}), limits one per line ({@code maxDocuments=100}),
 * branding in its three fields. Nothing here judges a value; the parser does.
 */
final class ConfigForm {

    private ConfigForm() {}

    static JsonObject toJson(String features, String limits, Map<String, String> branding) {
        JsonObjectBuilder f = JsonP.createObjectBuilder();
        lines(features).forEach(line -> {
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip();
            String value = eq < 0 ? "true" : line.substring(eq + 1).strip();
            switch (value) {
                case "true", "on", "yes" -> f.add(key, true);
                case "false", "off", "no" -> f.add(key, false);
                default -> f.add(key, value); // refused by the parser: "must be true or false"
            }
        });
        JsonObjectBuilder l = JsonP.createObjectBuilder();
        lines(limits).forEach(line -> {
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip();
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            try {
                l.add(key, new BigDecimal(value));
            } catch (NumberFormatException e) {
                l.add(key, value); // refused by the parser: "must be a whole number >= 0"
            }
        });
        JsonObjectBuilder b = JsonP.createObjectBuilder();
        branding.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                b.add(key, value.strip());
            }
        });
        return JsonP.createObjectBuilder()
                .add("features", f)
                .add("limits", l)
                .add("branding", b)
                .build();
    }

    /** The merge patch that turns {@code before} into {@code after}: a key left out of the form is removed. */
    static JsonObject patch(TenantConfig before, JsonObject after) {
        JsonObject old = TenantJson.config(before);
        JsonObjectBuilder patch = JsonP.createObjectBuilder();
        for (String section : Set.of("features", "limits", "branding")) {
            JsonObjectBuilder changes = JsonP.createObjectBuilder(after.getJsonObject(section));
            Set<String> removed = new HashSet<>(old.getJsonObject(section).keySet());
            removed.removeAll(after.getJsonObject(section).keySet());
            removed.forEach(key -> changes.add(key, JsonValue.NULL));
            patch.add(section, changes);
        }
        return patch.build();
    }

    static String featuresText(TenantConfig config) {
        return config.features().entrySet().stream()
                .map(e -> e.getValue() ? e.getKey() : e.getKey() + "=false")
                .collect(Collectors.joining("\n"));
    }

    static String limitsText(TenantConfig config) {
        return config.limits().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** Hosts as typed: one per line, or separated by commas or spaces. */
    static List<String> hosts(String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split("[\\s,]+"))
                        .filter(host -> !host.isBlank())
                        .toList();
    }

    private static Stream<String> lines(String text) {
        return text == null ? Stream.empty() : text.lines().map(String::strip).filter(line -> !line.isEmpty());
    }
}
