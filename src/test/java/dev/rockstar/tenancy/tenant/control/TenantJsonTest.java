package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The admin API's field names are what clients parse: a rename here breaks them. */
class TenantJsonTest {

    private static final TenantConfig CONFIG =
            new TenantConfig(Map.of("exports", true), Map.of("maxDocuments", 100L), Map.of("displayName", "Acme"));

    @Test
    void writesTheAdminApisTenant() {
        TenantInfo tenant = new TenantInfo(
                "acme",
                "Acme Corp",
                TenantStatus.SUSPENDED,
                List.of("www.acme.example", "acme.example"),
                CONFIG,
                Instant.parse("2026-01-02T03:04:05.678Z"));

        JsonObject json = TenantJson.tenant(tenant);

        assertEquals(Set.of("id", "name", "status", "placement", "hosts", "config", "createdAt"), json.keySet());
        assertEquals("shared", json.getString("placement"));
        assertEquals("acme", json.getString("id"));
        assertEquals("Acme Corp", json.getString("name"));
        assertEquals("SUSPENDED", json.getString("status"));
        assertEquals(
                "[\"acme.example\",\"www.acme.example\"]",
                json.getJsonArray("hosts").toString());
        assertEquals(TenantJson.config(CONFIG), json.getJsonObject("config"));
        assertEquals("2026-01-02T03:04:05.678Z", json.getString("createdAt"));
    }

    @Test
    void writesEveryConfigSectionEvenWhenEmpty() {
        assertEquals(
                "{\"features\":{\"exports\":true},\"limits\":{\"maxDocuments\":100},\"branding\":{\"displayName\":\"Acme\"}}",
                TenantJson.config(CONFIG).toString());
        assertEquals(
                "{\"features\":{},\"limits\":{},\"branding\":{}}",
                TenantJson.config(TenantConfig.EMPTY).toString());
    }
}
