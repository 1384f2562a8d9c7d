package dev.rockstar.tenancy.tenant.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-Host} is believed: addresses and CIDR ranges, IPv4 and
 * IPv6 ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code ::1}, {@code fd00::/8}).
 * <pre>
 * TrustedProxies.parse(List.of("10.0.0.0/8", "::1")).contains("10.1.2.3")  // true
 * </pre>
 * Only address literals are read, never names: a name would need a DNS lookup per request, and
 * whoever controls that DNS would choose which proxies are trusted.
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param entries addresses or CIDR ranges, blank entries ignored
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.strip();
            if (!trimmed.isEmpty()) {
                ranges.add(Range.parse(trimmed));
            }
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** @param address the peer's address as the server reports it; anything but a literal is untrusted */
    public boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The address's bytes, IPv4-mapped IPv6 as IPv4; null when it is not an address literal. */
    static byte[] literal(String address) {
        String text =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (text.isEmpty() || !isLiteralSyntax(text)) {
            return null; // InetAddress would look a name up in DNS
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isLiteralSyntax(String text) {
        boolean colon = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= '0' && c <= '9')
                    || c == '.'
                    || c == ':'
                    || (colon && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!allowed) {
                return false;
            }
        }
        // "1.2.3" and "123" are names to InetAddress's parser, which it would then look up
        return colon || text.chars().filter(c -> c == '.').count() == 3;
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(address);
            if (network == null) {
                throw new IllegalArgumentException("'" + entry + "' is neither an IP address nor a CIDR range");
            }
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = entry.substring(slash + 1);
                if (length.isEmpty()
                        || length.length() > 3
                        || !length.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(length) > bits) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length that is not 0 to " + bits);
                }
                prefix = Integer.parseInt(length);
            }
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
