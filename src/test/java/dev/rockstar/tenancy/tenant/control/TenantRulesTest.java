package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "acme", "acme-2", "a-", "9lives", "a--b"})
    void acceptsIdsOfLowerCaseLettersDigitsAndHyphens(String id) {
        assertTrue(TenantRules.isPossibleId(id));
        assertEquals(id, TenantRules.id(id));
    }

    @Test
    void anIdHasAtMost63Characters() {
        assertEquals("x".repeat(63), TenantRules.id("x".repeat(63)));
        refused(ProblemCode.VALIDATION_FAILED, "id", () -> TenantRules.id("x".repeat(64)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {"-acme", "Acme", "acme corp", "acme_corp", "acme.corp", "ac\u0000me", "äcme", "acme\n", " acme"})
    void refusesEveryOtherIdNamingTheIdField(String id) {
        assertFalse(TenantRules.isPossibleId(id));
        ProblemException e = refused(ProblemCode.VALIDATION_FAILED, "id", () -> TenantRules.id(id));
        assertTrue(e.getMessage().startsWith("id must match ^[a-z0-9][a-z0-9-]{0,62}$"), e.getMessage());
    }

    @Test
    void aNameIsStrippedAndHas1To200Characters() {
        assertEquals("Acme Corp", TenantRules.name("  Acme Corp\t"));
        assertEquals("n".repeat(200), TenantRules.name("n".repeat(200)));
        for (String name : List.of("", "   ", "n".repeat(201))) {
            ProblemException e = refused(ProblemCode.VALIDATION_FAILED, "name", () -> TenantRules.name(name));
            assertEquals("name must have 1 to 200 characters", e.getMessage());
        }
    }

    @Test
    void hostsAreNormalisedWithoutDuplicatesInTheirOrder() {
        assertEquals(
                List.of("b.example.com", "a.example.com", "xn--bcher-kva.example.com"),
                List.copyOf(TenantRules.hosts(
                        List.of("B.Example.COM:8080", "a.example.com.", "b.example.com", "Bücher.example.com"))));
        assertEquals(Set.of(), TenantRules.hosts(null));
        assertEquals(Set.of(), TenantRules.hosts(List.of()));
    }

    @Test
    void aMalformedHostIsHostInvalidNamingItsPlaceInTheList() {
        ProblemException e = refused(
                ProblemCode.HOST_INVALID,
                "hosts[1]",
                () -> TenantRules.hosts(List.of("ok.example.com", "bad host.example.com")));
        assertTrue(e.getMessage().startsWith("hosts[1]: "), e.getMessage());
        refused(ProblemCode.HOST_INVALID, "hosts[0]", () -> TenantRules.hosts(Arrays.asList((String) null)));
        refused(ProblemCode.HOST_INVALID, "host", () -> TenantRules.host("a..b", "host"));
        refused(ProblemCode.HOST_INVALID, "host", () -> TenantRules.host("x".repeat(64) + ".example.com", "host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1:8080", "[::1]", "[2001:db8::1]:443"})
    void anIpAddressBelongsToNoTenant(String ip) {
        ProblemException e = refused(ProblemCode.VALIDATION_FAILED, "host", () -> TenantRules.host(ip, "host"));
        assertEquals("host: an IP address cannot belong to a tenant", e.getMessage());
        refused(ProblemCode.VALIDATION_FAILED, "hosts[0]", () -> TenantRules.hosts(List.of(ip)));
    }

    @Test
    void aConfigurationIsStoredAsJsonOfAtMost16000Characters() {
        assertEquals("{\"features\":{},\"limits\":{},\"branding\":{}}", TenantRules.storable(TenantConfig.EMPTY));
        int frame = TenantRules.storable(displayNameOf(0)).length();
        assertEquals(
                TenantRules.MAX_CONFIG_LENGTH,
                TenantRules.storable(displayNameOf(TenantRules.MAX_CONFIG_LENGTH - frame))
                        .length());

        TenantConfig tooLong = displayNameOf(TenantRules.MAX_CONFIG_LENGTH - frame + 1);
        ProblemException e = refused(ProblemCode.VALIDATION_FAILED, "config", () -> TenantRules.storable(tooLong));
        assertEquals("config takes 16001 characters as JSON; at most 16000 are allowed", e.getMessage());
    }

    @Test
    void theLengthCountsCharactersNotUtf16Units() {
        int frame = TenantRules.storable(displayNameOf(0)).length();
        String emoji = "\uD83D\uDE00".repeat(TenantRules.MAX_CONFIG_LENGTH - frame); // two units each
        TenantConfig config = new TenantConfig(Map.of(), Map.of(), Map.of("displayName", emoji));
        assertEquals(
                2 * TenantRules.MAX_CONFIG_LENGTH - frame,
                TenantRules.storable(config).length());
    }

    /** Constructed directly: the parser would refuse a display name this long, the column's limit must hold anyway. */
    private static TenantConfig displayNameOf(int length) {
        return new TenantConfig(Map.of(), Map.of(), Map.of("displayName", "d".repeat(length)));
    }

    private static ProblemException refused(ProblemCode code, String field, Executable validation) {
        ProblemException e = assertThrows(ProblemException.class, validation);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(Optional.of(field), e.field(), e.getMessage());
        return e;
    }
}
