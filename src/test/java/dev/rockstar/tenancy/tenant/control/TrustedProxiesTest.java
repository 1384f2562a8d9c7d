package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse(
            List.of("10.0.0.0/8", " 192.0.2.7 ", "172.16.0.0/12", "fd00::/8", "::1", "", "198.51.100.0/25"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1",
                "10.255.255.255",
                "192.0.2.7",
                "172.31.1.1",
                "fd12:3456::1",
                "::1",
                "[::1]",
                "0:0:0:0:0:0:0:1",
                "::ffff:10.1.2.3",
                "fd00::1%eth0",
                "198.51.100.127"
            })
    void addressesInsideAreTrusted(String address) {
        assertTrue(proxies.contains(address), address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "11.0.0.1",
                "192.0.2.8",
                "172.32.0.1",
                "fe80::1",
                "::2",
                "127.0.0.1",
                "198.51.100.128",
                "localhost",
                "proxy.internal",
                "10.1",
                "",
                "1.2.3.4.5",
                "10.0.0.1/8"
            })
    void everythingElseIsNot(String address) {
        assertFalse(proxies.contains(address), address);
    }

    @Test
    void nullAndNoneTrustNothing() {
        assertFalse(proxies.contains(null));
        assertFalse(TrustedProxies.none().contains("127.0.0.1"));
        assertTrue(TrustedProxies.parse(List.of(" ", "")).isEmpty());
    }

    @Test
    void zeroPrefixTrustsTheWholeFamily() {
        TrustedProxies anyIpv4 = TrustedProxies.parse(List.of("0.0.0.0/0"));
        assertTrue(anyIpv4.contains("203.0.113.9"));
        assertFalse(anyIpv4.contains("2001:db8::1"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"proxy.internal", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "10.0.0", "1.2.3.4/-1"})
    void namesAndBadRangesAreRefused(String entry) {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of(entry)));
    }
}
