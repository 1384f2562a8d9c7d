package dev.rockstar.tenancy.admin.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which form field a refusal of the control classes speaks of. Their messages name the field
 * first, as the API's {@code detail} does ({@code "config.branding.primaryColor must be a colour
 * like #1a2b3c"}, {@code "hosts[1]: ..."}); conflicts name the id or the host. The console shows
 * each message next to that field, the rest at the top of the form.
 */
final class ProblemFields {

    // Most specific first: config.branding.primaryColor before config.branding.
    private static final Map<String, String> PREFIXES = new LinkedHashMap<>();

    static {
        PREFIXES.put("config.branding.displayName", "displayName");
        PREFIXES.put("config.branding.primaryColor", "primaryColor");
        PREFIXES.put("config.branding.logoUrl", "logoUrl");
        PREFIXES.put("config.branding", "branding");
        PREFIXES.put("config.features", "features");
        PREFIXES.put("config.limits", "limits");
        PREFIXES.put("id ", "id");
        PREFIXES.put("name ", "name");
        PREFIXES.put("hosts", "hosts");
        PREFIXES.put("host:", "host");
        PREFIXES.put("username ", "username");
        PREFIXES.put("password ", "password");
        PREFIXES.put("roles", "roles");
        PREFIXES.put("confirmation:", "confirmation");
        PREFIXES.put("A tenant with id", "id");
        PREFIXES.put("The host", "hosts");
        PREFIXES.put("The tenant already has a user", "username");
    }

    private ProblemFields() {}

    /** The field a message names, or {@code null} when it names none. */
    static String fieldOf(String message) {
        if (message == null) {
            return null;
        }
        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            if (message.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return null;
    }
}
