package dev.rockstar.tenancy.users.control;

/**
 * How large a username and a password may be, in UTF-8 bytes, wherever credentials come in (a
 * tenant's login, the operator's HTTP Basic header and console form): checked first, so that a
 * credential over the bound is never hashed, never a throttle key and never audited; it answers
 * as a wrong one would. Every credential that can be set fits: tenant usernames are at most 100
 * ASCII characters ({@link UserRules}), tenant passwords at most 200 UTF-16 characters, which
 * is at most 600 bytes (a character of one UTF-16 unit is at most 3 bytes, a pair is 4), and the
 * operator's configured credentials are checked against the same bounds at start.
 * <pre>
 * if (!CredentialBounds.fit(username, password)) {
 *     throw new UnauthorizedException("Wrong username or password");
 * }
 * </pre>
 */
public final class CredentialBounds {

    public static final int MAX_USERNAME_BYTES = 256;
    public static final int MAX_PASSWORD_BYTES = 1024;

    private CredentialBounds() {}

    /** Whether both fit their bound; {@code null} fits (it is refused elsewhere as missing). */
    public static boolean fit(String username, String password) {
        return fits(username, MAX_USERNAME_BYTES) && fits(password, MAX_PASSWORD_BYTES);
    }

    /**
     * Counts without encoding, and stops at the first byte over: a field of the console's form may
     * hold megabytes, and a copy of it is not what a bound should cost.
     */
    public static boolean fits(String text, int maxBytes) {
        if (text == null || text.length() <= maxBytes / 3) {
            return true; // no UTF-16 unit takes more than 3 bytes
        }
        if (text.length() > maxBytes) {
            return false; // no UTF-16 unit takes fewer than 1
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // a lone surrogate included, though Java encodes it as one '?': never less than it costs
            }
            if (bytes > maxBytes) {
                return false;
            }
        }
        return true;
    }
}
