package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.problems.ProblemCode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class HostNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "acme.example.com            | acme.example.com",
                "ACME.Example.COM            | acme.example.com",
                "ACME.Example.COM:8080       | acme.example.com",
                "acme.example.com.           | acme.example.com",
                "acme.example.com.:443       | acme.example.com",
                "acme.example.com:           | acme.example.com",
                "localhost                   | localhost",
                "a                           | a",
                "xn--bcher-kva.example.com   | xn--bcher-kva.example.com",
                "XN--BCHER-KVA.Example.com   | xn--bcher-kva.example.com",
                "Bücher.example.com          | xn--bcher-kva.example.com",
                "BÜCHER.example.com.:8080    | xn--bcher-kva.example.com",
                "例え.テスト                   | xn--r8jz45g.xn--zckzah",
                // IDNA 2008 / UTS #46 non-transitional, as browsers send them (IDNA 2003 said
                // strasse, fass and a plain sigma)
                "straße.example.com          | xn--strae-oqa.example.com",
                "Straße.Example.com:8080     | xn--strae-oqa.example.com",
                "faß.de                      | xn--fa-hia.de",
                "βόλος.com                   | xn--nxasmm1c.com",
                "ΒΌΛΟΣ.com                   | xn--nxasmq6b.com",
                "xn--strae-oqa.example.com   | xn--strae-oqa.example.com",
                "ab--c.example               | ab--c.example",
                "3com.com                    | 3com.com",
                "a-b.c-d.example             | a-b.c-d.example",
                "127.0.0.1                   | 127.0.0.1",
                "127.0.0.1:8080              | 127.0.0.1",
                "[::1]                       | [::1]",
                "[::1]:8080                  | [::1]",
                "[2001:DB8::1]               | [2001:db8::1]",
                "[::ffff:192.0.2.1]          | [::ffff:192.0.2.1]",
                "[1:2:3:4:5:6:7:8]           | [1:2:3:4:5:6:7:8]",
            })
    void normalisesEverySpellingToOne(String raw, String expected) {
        assertEquals(expected, HostNames.normalise(raw));
    }

    @Test
    void normalisingIsIdempotent() {
        String once = HostNames.normalise("Bücher.Example.com.:80");
        assertEquals(once, HostNames.normalise(once));
    }

    @Test
    void punycodeThatDoesNotDecodeIsRefused() {
        assertThrows(InvalidHostException.class, () -> HostNames.normalise("xn--zz.example.com"));
        assertThrows(InvalidHostException.class, () -> HostNames.normalise("XN--ZZ.example.com"));
    }

    @ParameterizedTest(name = "{0} was stored as {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "xn--strae-oqa.example.com   | strasse.example.com",
                "xn--fa-hia.de               | fass.de",
                "xn--nxasmm1c.com            | xn--nxasmq6b.com",
            })
    void theLegacySpellingIsWhatIdna2003Stored(String browserSends, String storedBefore) {
        assertEquals(storedBefore, HostNames.legacyForm(browserSends).orElseThrow());
    }

    @Test
    void aHostIsFoundUnderEitherSpellingTheCurrentOneFirst() {
        Map<String, String> stored = Map.of("strasse.example.com", "old", "xn--fa-hia.de", "new", "fass.de", "older");
        assertEquals(
                Optional.of("old"),
                HostNames.inAnySpelling("xn--strae-oqa.example.com", host -> Optional.ofNullable(stored.get(host))));
        assertEquals(
                Optional.of("new"),
                HostNames.inAnySpelling("xn--fa-hia.de", host -> Optional.ofNullable(stored.get(host))));
        assertEquals(
                Optional.empty(),
                HostNames.inAnySpelling("acme.example.com", host -> Optional.ofNullable(stored.get(host))));
    }

    @ParameterizedTest
    @CsvSource({"acme.example.com", "xn--bcher-kva.example.com", "xn--strae-oqa.example.com.xn--zz"})
    void hostsMappedAlikeHaveNoLegacySpelling(String host) {
        assertTrue(HostNames.legacyForm(host).isEmpty());
    }

    @Test
    void acceptsTheLongestValidName() {
        String label = "a".repeat(63);
        String name = label + "." + label + "." + label + "." + "b".repeat(61); // 253 characters
        assertEquals(253, name.length());
        assertEquals(name, HostNames.normalise(name.toUpperCase() + ".:8080"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesNoHost(String raw) {
        assertInvalid(raw);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileHosts")
    void refusesHostileHosts(String raw) {
        assertInvalid(raw);
    }

    static String[] hostileHosts() {
        String label63 = "a".repeat(63);
        return new String[] {
            ".",
            "..",
            ":8080",
            "acme..example.com",
            ".acme.example.com",
            "acme.example.com..",
            "a".repeat(64) + ".com",
            label63 + "." + label63 + "." + label63 + "." + "b".repeat(62), // 254 characters
            "x".repeat(300),
            "-acme.example.com",
            "acme-.example.com",
            "acme.-example.com",
            "acme_corp.example.com",
            "exa mple.com",
            " acme.example.com",
            "acme.example.com ",
            "acme.example.com/evil",
            "acme.example.com\\evil",
            "user@acme.example.com",
            "acme.example.com?x=1",
            "acme.example.com#x",
            "*.example.com",
            "%61cme.example.com",
            "acme.example.com\r\nX-Injected: 1",
            "acme\u0000.example.com",
            "acme\t.example.com",
            "acme.example.com:abc",
            "acme.example.com:99999",
            "acme.example.com:-1",
            "acme.example.com:8080:80",
            "acme.example.com, globex.example.com",
            "acme.example.com;globex.example.com",
            "::1",
            "[::1",
            "::1]",
            "[::1]x",
            "[::1]:abc",
            "[gggg::1]",
            "[1:2:3:4:5:6:7:8:9]",
            "[1::2::3]",
            "[::1%eth0]",
            "[]",
            "[12345::1]",
            "999.1.1.1",
            "1.2.3",
            "256.256.256.256",
            "01.2.3.4",
            "acme\u00a0corp.example.com", // IDNA maps a no-break space to a space: refused
            "acme.example.com\u202e",
            "<script>.example.com",
            "acme.example.com'--",
        };
    }

    @Test
    void ipLiteralsAreRecognised() {
        assertTrue(HostNames.isIpLiteral(HostNames.normalise("10.0.0.1")));
        assertTrue(HostNames.isIpLiteral(HostNames.normalise("[::1]")));
        assertFalse(HostNames.isIpLiteral(HostNames.normalise("acme.example.com")));
        assertFalse(HostNames.isIpLiteral(HostNames.normalise("10.0.0.1.example.com")));
    }

    @Test
    void theMessageNeverEchoesTheHost() {
        InvalidHostException e = assertThrows(
                InvalidHostException.class, () -> HostNames.normalise("<script>alert(1)</script>.example.com"));
        assertFalse(e.getMessage().contains("<script>"), e.getMessage());
    }

    private static void assertInvalid(String raw) {
        InvalidHostException e =
                assertThrows(InvalidHostException.class, () -> HostNames.normalise(raw), () -> "accepted " + raw);
        assertEquals(ProblemCode.HOST_INVALID, e.code());
    }
}
