package dev.rockstar.tenancy.tenant.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * Which client a request came from, when a trusted proxy connected to us: the right-most address
 * in the proxies' chain ({@code X-Forwarded-For}, else RFC 7239 {@code Forwarded}) that is not
 * itself a trusted proxy. Each proxy appends the address it was connected from, so everything
 * right of the first untrusted entry was written by proxies we trust, and everything left of it
 * may have been written by the client: reading the left-most entry would let any client choose
 * its own address (and so escape its throttle, or spend another's).
 * <pre>
 * ForwardedFor.client("10.0.0.2", List.of("6.6.6.6, 203.0.113.9"), List.of(), proxies)  // "203.0.113.9"
 * </pre>
 * An entry a proxy wrote that is no address ({@code unknown}, an obfuscated {@code _name}) ends
 * the walk at the proxy that wrote it: that proxy is the nearest client known for certain.
 * Addresses come back in one canonical form ({@code ::ffff:192.0.2.1} is {@code 192.0.2.1},
 * IPv6 compressed and lower case), so that one client is one key wherever it is counted.
 */
public final class ForwardedFor {

    /** Bounds the work one request's headers can cause; a real chain is a few proxies long. */
    static final int MAX_ENTRIES = 64;

    private ForwardedFor() {}

    /**
     * @param peer the connecting address, as the server reports it
     * @param forwardedFor every {@code X-Forwarded-For} header value, in order
     * @param forwarded every RFC 7239 {@code Forwarded} header value, in order (read only without
     *        {@code X-Forwarded-For})
     * @return the client's address, canonical; the peer itself unless the peer is a trusted proxy
     */
    public static String client(
            String peer, List<String> forwardedFor, List<String> forwarded, TrustedProxies proxies) {
        String hop = canonical(peer);
        if (hop == null) {
            return peer == null ? "-" : peer;
        }
        if (!proxies.contains(hop)) {
            return hop;
        }
        List<String> chain = forwardedFor.isEmpty() ? forEntries(forwarded) : entries(forwardedFor);
        for (int i = chain.size() - 1; i >= 0; i--) {
            String address = canonical(chain.get(i));
            if (address == null) {
                return hop;
            }
            hop = address;
            if (!proxies.contains(address)) {
                return address;
            }
        }
        return hop; // every hop a trusted proxy: the farthest one is the client we know
    }

    /** The header's values in order, each at most once per call. */
    public static List<String> values(Enumeration<String> headers) {
        List<String> values = new ArrayList<>();
        while (headers != null && headers.hasMoreElements() && values.size() < MAX_ENTRIES) {
            values.add(headers.nextElement());
        }
        return values;
    }

    private static List<String> entries(List<String> values) {
        List<String> entries = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(",", -1)) {
                entries.add(entry.strip());
            }
        }
        return tail(entries);
    }

    /** The {@code for=} parameter of each element; an element without one is an unknown hop. */
    private static List<String> forEntries(List<String> values) {
        List<String> entries = new ArrayList<>();
        for (String element : entries(values)) {
            String address = "";
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0
                        && pair.substring(0, eq)
                                .strip()
                                .toLowerCase(Locale.ROOT)
                                .equals("for")) {
                    address = unquote(pair.substring(eq + 1).strip());
                }
            }
            entries.add(address);
        }
        return tail(entries);
    }

    private static List<String> tail(List<String> entries) {
        return entries.size() <= MAX_ENTRIES ? entries : entries.subList(entries.size() - MAX_ENTRIES, entries.size());
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    /**
     * An address literal, with or without a port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:80}),
     * in canonical form; null for anything else, names included (never looked up).
     */
    static String canonical(String entry) {
        if (entry == null) {
            return null;
        }
        String text = entry.strip();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            text = text.substring(1, close);
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            text = text.substring(0, text.indexOf(':')); // IPv4 with a port
        }
        byte[] bytes = TrustedProxies.literal(text);
        if (bytes == null) {
            return null;
        }
        try {
            String address = InetAddress.getByAddress(bytes).getHostAddress();
            return bytes.length == 16 ? compressed(address) : address;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Java writes {@code 2001:db8:0:0:0:0:0:1}; RFC 5952's {@code 2001:db8::1} is what logs show. */
    private static String compressed(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return full;
        }
        String left = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String right = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return left + "::" + right;
    }
}
