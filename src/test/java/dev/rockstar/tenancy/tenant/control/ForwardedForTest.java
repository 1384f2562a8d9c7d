package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardedForTest {

    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));

    private String client(String peer, String xff, String forwarded) {
        return ForwardedFor.client(
                peer,
                xff == null ? List.of() : List.of(xff),
                forwarded == null ? List.of() : List.of(forwarded),
                proxies);
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItSays() {
        assertEquals("203.0.113.9", client("203.0.113.9", "6.6.6.6", "for=6.6.6.6"));
        assertEquals("2001:db8::1", client("2001:db8:0:0:0:0:0:1", "6.6.6.6", null));
    }

    @Test
    void behindTheProxyTheRightMostUntrustedEntryIsTheClient() {
        assertEquals("203.0.113.9", client("10.0.0.2", "203.0.113.9", null));
        // the client wrote 6.6.6.6 itself; the proxy appended the address it saw
        assertEquals("203.0.113.9", client("10.0.0.2", "6.6.6.6, 203.0.113.9", null));
        // two proxies of ours in a row
        assertEquals("203.0.113.9", client("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.1.1.1", null));
    }

    @Test
    void severalHeaderLinesAreOneChain() {
        assertEquals(
                "198.51.100.4",
                ForwardedFor.client("10.0.0.2", List.of("6.6.6.6", "198.51.100.4"), List.of(), proxies));
    }

    @Test
    void aTrustedPeerWithoutAChainIsItselfTheClient() {
        assertEquals("10.0.0.2", client("10.0.0.2", null, null));
        assertEquals("10.0.0.2", client("10.0.0.2", "", null));
    }

    @Test
    void anEntryThatIsNoAddressStopsAtTheProxyThatWroteIt() {
        assertEquals("10.1.1.1", client("10.0.0.2", "203.0.113.9, unknown, 10.1.1.1", null));
        assertEquals("10.0.0.2", client("10.0.0.2", "evil.example", null));
    }

    @Test
    void everyHopTrustedGivesTheFarthest() {
        assertEquals("10.9.9.9", client("10.0.0.2", "10.9.9.9, 10.1.1.1", null));
    }

    @Test
    void rfc7239ForwardedIsReadWithoutXForwardedFor() {
        assertEquals(
                "2001:db8:cafe::17",
                client(
                        "10.0.0.2",
                        null,
                        "for=6.6.6.6, for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.1.1.1;by=10.0.0.2"));
        assertEquals("192.0.2.60", client("10.0.0.2", null, "For=\"192.0.2.60:8080\";proto=http"));
        assertEquals("10.0.0.2", client("10.0.0.2", null, "for=_hidden"));
        assertEquals("10.0.0.2", client("10.0.0.2", null, "proto=https"));
    }

    @Test
    void xForwardedForWinsOverForwarded() {
        assertEquals("203.0.113.9", client("10.0.0.2", "203.0.113.9", "for=6.6.6.6"));
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1:4711,192.0.2.1",
        "[2001:db8::1]:80,2001:db8::1",
        "::ffff:192.0.2.1,192.0.2.1",
        "2001:DB8:0:0:1:0:0:1,2001:db8::1:0:0:1",
        "::1,::1",
        "0:0:0:0:0:0:0:0,::"
    })
    void addressesHaveOneCanonicalForm(String entry, String canonical) {
        assertEquals(canonical, ForwardedFor.canonical(entry));
    }

    @Test
    void aLongChainIsReadOnlyAtItsEnd() {
        String chain = String.join(",", Collections.nCopies(10_000, "6.6.6.6")) + ",203.0.113.9";
        assertEquals("203.0.113.9", client("10.0.0.2", chain, null));
    }
}
