package dev.rockstar.tenancy.tenant.control;

import com.ibm.icu.text.IDNA;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Host normalisation and validation, the same for request hosts and for hosts given to the
 * admin API, so that a host matches exactly when it was registered in any of its spellings:
 * lower case, no port, no trailing dot, internationalised names in their ASCII (punycode) form.
 * <pre>
 * HostNames.normalise("ACME.Example.COM:8080")  // "acme.example.com"
 * HostNames.normalise("Bücher.example.com.")    // "xn--bcher-kva.example.com"
 * HostNames.normalise("straße.example.com")     // "xn--strae-oqa.example.com", as a browser sends it
 * HostNames.normalise("[::1]:8080")             // "[::1]", an IP literal no tenant can own
 * </pre>
 * Internationalised names follow IDNA 2008 with UTS #46 non-transitional processing, as today's
 * browsers do (WHATWG URL): the JDK's {@code java.net.IDN} implements IDNA 2003, which maps
 * {@code ß} to {@code ss} and final sigma to sigma, so a browser's request for such a name would
 * never match it.
 * Pure code without state: the request path calls it once per request.
 */
public final class HostNames {

    static final int MAX_NAME_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;

    // STD3 rules keep the result to letters, digits and hyphens; the bidi and joiner checks are
    // those browsers apply. Both instances are immutable and thread-safe.
    private static final int CHECKS = IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ;
    private static final IDNA UTS46 =
            IDNA.getUTS46Instance(CHECKS | IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE);
    /** IDNA 2003's mapping, in which hosts stored before IDNA 2008 were written. */
    private static final IDNA TRANSITIONAL = IDNA.getUTS46Instance(CHECKS);
    /** Browsers do not check hyphens in the third and fourth places ("ab--c"); neither do we. */
    private static final Set<IDNA.Error> TOLERATED = Set.of(IDNA.Error.HYPHEN_3_4);

    private HostNames() {}

    /**
     * @param raw a Host header, an {@code :authority}, or a host given to the admin API
     * @return the normalised host, for lookup and storage
     * @throws InvalidHostException when the value is empty, too long, or neither a DNS name nor
     *         an IP literal; the message says why without echoing the value
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidHostException("The host is empty");
        }
        if (raw.length() > MAX_NAME_LENGTH + 1 + 6 + 2) {
            // longest valid form: a 253-character name, a trailing dot and ":65535", or brackets
            throw new InvalidHostException("The host is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (raw.charAt(0) == '[') {
            return ipv6Literal(raw);
        }
        String host = withoutPort(raw);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new InvalidHostException("The host is empty");
        }
        host = toAscii(host).toLowerCase(Locale.ROOT);
        if (isIpv4(host)) {
            return host;
        }
        validateDnsName(host);
        return host;
    }

    /**
     * IP literals are valid hosts (a request by address is well formed, not {@code HOST_INVALID}),
     * but no tenant can own one (the registry refuses it), so tenant resources answer such a request 404.
     */
    public static boolean isIpLiteral(String normalised) {
        return normalised.startsWith("[") || isIpv4(normalised);
    }

    private static String withoutPort(String raw) {
        int colon = raw.lastIndexOf(':');
        if (colon < 0) {
            return raw;
        }
        if (raw.indexOf(':') != colon) {
            throw new InvalidHostException("An IPv6 address must be written in brackets");
        }
        validatePort(raw.substring(colon + 1));
        return raw.substring(0, colon);
    }

    private static void validatePort(String port) {
        // RFC 3986 allows an empty port ("host:"); anything else must be a number of a port.
        if (port.length() > 5) {
            throw new InvalidHostException("The port is not a number from 0 to 65535");
        }
        for (int i = 0; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidHostException("The port is not a number from 0 to 65535");
            }
        }
        if (!port.isEmpty() && Integer.parseInt(port) > 65535) {
            throw new InvalidHostException("The port is not a number from 0 to 65535");
        }
    }

    private static String ipv6Literal(String raw) {
        int close = raw.indexOf(']');
        if (close < 0) {
            throw new InvalidHostException("An IPv6 literal is missing its closing bracket");
        }
        String rest = raw.substring(close + 1);
        if (!rest.isEmpty()) {
            if (rest.charAt(0) != ':') {
                throw new InvalidHostException("Unexpected characters after the IPv6 literal");
            }
            validatePort(rest.substring(1));
        }
        String address = raw.substring(1, close).toLowerCase(Locale.ROOT);
        if (!isIpv6(address)) {
            throw new InvalidHostException("Not a valid IPv6 address");
        }
        return "[" + address + "]";
    }

    /**
     * Looks a host up under each of its spellings: as {@link #normalise} writes it, then, if
     * nothing is found, as it was stored before hosts followed IDNA 2008
     * ({@code xn--strae-oqa.example.com}, {@code straße}, was stored as {@code strasse.example.com}),
     * so that tenants registered then keep answering on the host a browser sends now and their
     * hosts are found by either spelling.
     * <pre>
     * HostNames.inAnySpelling(host, directory::byHost)
     * </pre>
     *
     * @param normalised a host as {@link #normalise} returns it
     * @param lookup what is stored under one spelling
     */
    public static <T> Optional<T> inAnySpelling(String normalised, Function<String, Optional<T>> lookup) {
        Optional<T> found = lookup.apply(normalised);
        return found.isPresent() ? found : legacyForm(normalised).flatMap(lookup);
    }

    /** The spelling under which a host was stored before hosts followed IDNA 2008, if it differs. */
    static Optional<String> legacyForm(String normalised) {
        if (!hasAceLabel(normalised)) {
            return Optional.empty(); // only internationalised names were mapped differently
        }
        IDNA.Info info = new IDNA.Info();
        String unicode =
                UTS46.nameToUnicode(normalised, new StringBuilder(), info).toString();
        if (hasErrors(info)) {
            return Optional.empty();
        }
        String legacy =
                TRANSITIONAL.nameToASCII(unicode, new StringBuilder(), info).toString();
        return hasErrors(info) || legacy.equals(normalised) ? Optional.empty() : Optional.of(legacy);
    }

    private static String toAscii(String host) {
        if (isAscii(host) && !hasAceLabel(host)) {
            return host; // the common case, and the request path's: nothing to map or verify
        }
        IDNA.Info info = new IDNA.Info();
        String ascii = UTS46.nameToASCII(host, new StringBuilder(host.length() + 16), info)
                .toString();
        if (hasErrors(info)) {
            throw new InvalidHostException("Not a valid internationalised domain name");
        }
        return ascii;
    }

    private static boolean hasErrors(IDNA.Info info) {
        return info.hasErrors() && !TOLERATED.containsAll(info.getErrors());
    }

    private static boolean isAscii(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A label in punycode ("xn--…") must decode to a valid name, as a browser checks it. */
    private static boolean hasAceLabel(String host) {
        for (int i = 0; i + 4 <= host.length(); i++) {
            if ((i == 0 || host.charAt(i - 1) == '.') && host.regionMatches(true, i, "xn--", 0, 4)) {
                return true;
            }
        }
        return false;
    }

    private static void validateDnsName(String host) {
        if (host.length() > MAX_NAME_LENGTH) {
            throw new InvalidHostException("The host is longer than " + MAX_NAME_LENGTH + " characters");
        }
        int labelStart = 0;
        String lastLabel = "";
        while (labelStart <= host.length()) {
            int dot = host.indexOf('.', labelStart);
            int labelEnd = dot < 0 ? host.length() : dot;
            String label = host.substring(labelStart, labelEnd);
            validateLabel(label);
            lastLabel = label;
            if (dot < 0) {
                break;
            }
            labelStart = dot + 1;
        }
        if (isAllDigits(lastLabel)) {
            // "1.2.3" or "999.1.1.1": read as a broken IPv4 address by browsers, never a name.
            throw new InvalidHostException("Neither a DNS name nor an IP address");
        }
    }

    private static void validateLabel(String label) {
        if (label.isEmpty()) {
            throw new InvalidHostException("The host has an empty label");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new InvalidHostException("A label of the host is longer than " + MAX_LABEL_LENGTH + " characters");
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            throw new InvalidHostException("A label of the host starts or ends with a hyphen");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!allowed) {
                throw new InvalidHostException("The host may contain only letters, digits, hyphens and dots");
            }
        }
    }

    private static boolean isIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty()
                    || part.length() > 3
                    || !isAllDigits(part)
                    || Integer.parseInt(part) > 255
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String address) {
        if (address.isEmpty() || address.length() > 45) {
            return false;
        }
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = address.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty()) {
                continue; // the parts of "::", or a leading/trailing one checked below
            }
            boolean last = i == groups.length - 1;
            if (last && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return false;
                }
                count += 2;
            } else if (group.length() > 4 || !isHex(group)) {
                return false;
            } else {
                count++;
            }
        }
        if (doubleColon < 0) {
            return count == 8 && !address.startsWith(":") && !address.endsWith(":");
        }
        boolean strayLeading = address.startsWith(":") && !address.startsWith("::");
        boolean strayTrailing = address.endsWith(":") && !address.endsWith("::");
        return count < 8 && !strayLeading && !strayTrailing;
    }

    private static boolean isAllDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
