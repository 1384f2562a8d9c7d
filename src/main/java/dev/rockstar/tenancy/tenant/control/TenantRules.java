package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a tenant's id, name, hosts and configuration may be, for every way a tenant is registered or
 * changed (admin API, import, console). Each refusal names its field as the request spells it
 * ({@code "id"}, {@code "hosts[1]"}), in {@link dev.rockstar.tenancy.problems.ProblemException#field()}
 * and at the start of its message.
 */
public final class TenantRules {

    /** Lower-case letters, digits and hyphens, 1 to 63 of them, not starting with a hyphen. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    static final int MAX_NAME_LENGTH = 200;
    /** The {@code config} column's size: a configuration is refused above it, on every database alike. */
    static final int MAX_CONFIG_LENGTH = 16_000;

    private TenantRules() {}

    /**
     * Whether a tenant can have this id. An id no tenant can have is not looked up: PostgreSQL
     * refuses some of them (U+0000) as errors.
     */
    static boolean isPossibleId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** @throws ValidationFailedException for an id no tenant can have */
    public static String id(String id) {
        if (!isPossibleId(id)) {
            throw new ValidationFailedException(
                    "id", "id must match ^[a-z0-9][a-z0-9-]{0,62}$ (lower-case letters, digits and hyphens)");
        }
        return id;
    }

    /** @return the name without surrounding white space */
    static String name(String name) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new ValidationFailedException("name", "name must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }

    /** @return the hosts normalised, without duplicates, in their order; none for {@code null} */
    static Set<String> hosts(List<String> rawHosts) {
        Set<String> hosts = new LinkedHashSet<>();
        if (rawHosts != null) {
            for (int i = 0; i < rawHosts.size(); i++) {
                hosts.add(host(rawHosts.get(i), "hosts[" + i + "]"));
            }
        }
        return hosts;
    }

    /**
     * A host a tenant can own, normalised: a DNS name, not an IP literal.
     *
     * @param field the field that carried it, for the refusal
     */
    static String host(String raw, String field) {
        String host = normalised(raw, field);
        if (HostNames.isIpLiteral(host)) {
            throw new ValidationFailedException(field, field + ": an IP address cannot belong to a tenant");
        }
        return host;
    }

    /** {@link HostNames#normalise} with a refusal that names the field. */
    static String normalised(String raw, String field) {
        try {
            return HostNames.normalise(raw);
        } catch (InvalidHostException e) {
            throw new InvalidHostException(field, field + ": " + e.getMessage());
        }
    }

    /**
     * The configuration as stored, within the column on every database: PostgreSQL refuses a
     * longer value as an error, H2 likewise, so it is refused here as invalid instead.
     */
    static String storable(TenantConfig config) {
        String json = TenantJson.config(config).toString();
        int length = json.codePointCount(0, json.length());
        if (length > MAX_CONFIG_LENGTH) {
            throw new ValidationFailedException(
                    "config",
                    "config takes " + length + " characters as JSON; at most " + MAX_CONFIG_LENGTH + " are allowed");
        }
        return json;
    }
}
