package dev.rockstar.tenancy.logging;

/**
 * The words a log record carries for its tenant and request: {@code tenant=acme request=…}. A
 * character outside letters, digits and {@code . _ : -} becomes {@code _}, so a value can neither
 * end the tag early nor start another line.
 */
final class TagText {

    private TagText() {}

    /** The tag of a tenant and a request, either of them {@code null} for none; {@code null} when both are. */
    static String of(String tenant, String request) {
        if (tenant == null && request == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(64);
        if (tenant != null) {
            append(text.append("tenant="), tenant);
        }
        if (request != null) {
            append(text.append(tenant == null ? "request=" : " request="), request);
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            text.append(plain ? c : '_');
        }
    }
}
