package dev.rockstar.tenancy.limits.control;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which clients share one fair-share bucket: an IPv4 address alone (/32), an IPv6 address with
 * every other address of its /64. One subscriber is handed a whole /64 (often more) and picks
 * addresses in it freely, so counting IPv6 addresses one by one would let a single holder take a
 * tenant's whole rate through many "clients".
 * <pre>
 * ClientGroup.of("192.0.2.7")          // "192.0.2.7"
 * ClientGroup.of("2001:db8:1:2::7")    // "2001:db8:1:2::/64"
 * </pre>
 * Anything that is no address literal (the "-" of an unknown client) is a group of its own; no
 * name is ever looked up.
 */
final class ClientGroup {

    private ClientGroup() {}

    static String of(String address) {
        if (address == null || address.isEmpty()) {
            return "-";
        }
        if (address.indexOf(':') < 0 || !isIpv6Literal(address)) {
            return address;
        }
        try {
            // In brackets the JDK parses an IPv6 literal or fails; it never falls back to a lookup.
            byte[] bytes = InetAddress.getByName("[" + address + "]").getAddress();
            if (bytes.length != 16) {
                return address; // ::ffff:a.b.c.d arrives as IPv4 already; kept whole if not
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static boolean isIpv6Literal(String text) {
        if (text.length() > 45) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
