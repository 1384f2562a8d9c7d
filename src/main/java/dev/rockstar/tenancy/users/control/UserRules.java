package dev.rockstar.tenancy.users.control;

import dev.rockstar.tenancy.problems.ValidationFailedException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a tenant user's name, password and roles may be, whoever sets them (admin API, console).
 * Each refusal names its field as the request spells it ({@code "username"}, {@code "roles[1]"}),
 * in {@link dev.rockstar.tenancy.problems.ProblemException#field()} and at the start of its message.
 */
final class UserRules {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    static final String RESERVED_ROLE_PREFIX = "tenancy-";
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 200;
    /** The {@code roles} column's size, for the roles joined by commas as they are stored. */
    static final int MAX_ROLES_LENGTH = 1000;

    private UserRules() {}

    /**
     * Whether a user can have this name. A name no user can have is not looked up: PostgreSQL
     * refuses some of them (U+0000) as errors.
     */
    static boolean isPossibleUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    static String username(String username) {
        if (!isPossibleUsername(username)) {
            throw new ValidationFailedException("username", "username must have 1 to 100 letters, digits or . _ @ -");
        }
        return username;
    }

    /**
     * Counted in UTF-16 units, as always; 200 of them are at most 600 UTF-8 bytes, within the
     * login's bound ({@link CredentialBounds}), so every password that can be set can log in.
     */
    static String password(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new ValidationFailedException(
                    "password", "password must have " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        return password;
    }

    /** @return the roles without duplicates, sorted; none for {@code null} */
    static List<String> roles(List<String> roles) {
        List<String> valid =
                roles == null ? List.of() : roles.stream().distinct().sorted().toList();
        for (int i = 0; i < valid.size(); i++) {
            String field = "roles[" + i + "]";
            if (!ROLE.matcher(valid.get(i)).matches()) {
                throw new ValidationFailedException(field, field + " must have 1 to 50 letters, digits, _ or -");
            }
            // The operator's role is tenancy-admin; no tenant user may carry a name a container
            // constraint could one day read as it, so the whole prefix is the product's.
            if (valid.get(i).toLowerCase(Locale.ROOT).startsWith(RESERVED_ROLE_PREFIX)) {
                throw new ValidationFailedException(
                        field,
                        field + " must not start with '" + RESERVED_ROLE_PREFIX + "': those roles are the operator's");
            }
        }
        // Refused here rather than by the database: PostgreSQL and H2 answer a longer value with an error.
        int stored = String.join(",", valid).length();
        if (stored > MAX_ROLES_LENGTH) {
            throw new ValidationFailedException(
                    "roles",
                    "roles take " + stored + " characters joined by commas; at most " + MAX_ROLES_LENGTH
                            + " are allowed");
        }
        return valid;
    }
}
