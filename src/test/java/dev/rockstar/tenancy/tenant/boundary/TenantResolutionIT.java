package dev.rockstar.tenancy.tenant.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenant resolution as docs/HTTP-API.md states it (host normalisation, invalid hosts, IP literals,
 * nothing but the host selects the tenant, @TenantScoped refusals) against the packaged WAR,
 * X-Forwarded-Host not trusted.
 */
class TenantResolutionIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "acme.test",
                "ACME.Test",
                "acme.test:8080",
                "acme.test.",
                "AcMe.TeSt.:1",
                "www.acme.test",
                "WWW.ACME.TEST:443"
            })
    void everySpellingOfAHostResolvesToItsTenant(String host) {
        JsonObject info = client.get(host, "/api/tenant/info").assertJson(200);
        assertEquals("acme", info.getString("tenant_id"));
        assertEquals("acme", info.getString("id"), "the admin API's name for the id, beside tenant_id");
        assertEquals("Acme Corp", info.getString("name"));
        assertEquals(
                "[\"acme.test\",\"www.acme.test\"]", info.getJsonArray("hosts").toString());
    }

    @Test
    void eachHostSeesOnlyItsOwnTenant() {
        assertEquals(
                "acme",
                client.get("acme.test", "/api/tenant/info").assertJson(200).getString("tenant_id"));
        JsonObject globex = client.get("globex.test", "/api/tenant/info").assertJson(200);
        assertEquals("globex", globex.getString("tenant_id"));
        assertFalse(globex.toString().contains("acme"), globex.toString());
    }

    @Test
    void internationalisedHostsMatchInEverySpelling() {
        client.admin("POST", "/tenants", """
                {"id":"buecher","name":"Bücher","hosts":["Bücher.example.com"]}""").assertStatus(201);
        for (String host : new String[] {"xn--bcher-kva.example.com", "XN--BCHER-KVA.Example.COM.:8080"}) {
            assertEquals(
                    "buecher",
                    client.get(host, "/api/tenant/info").assertJson(200).getString("tenant_id"));
        }
        client.admin("DELETE", "/tenants/buecher", null).assertStatus(204);
    }

    /** IDNA 2008 / UTS #46 non-transitional: the punycode a browser sends for each of these names. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "idna-strasse | straße.example.com | xn--strae-oqa.example.com",
                "idna-fass    | FAß.example.com    | xn--fa-hia.example.com",
                "idna-sigma   | βόλος.example.com  | xn--nxasmm1c.example.com",
            })
    void internationalisedHostsResolveFromWhatABrowserSends(String id, String registered, String browserSends) {
        JsonObject tenant =
                client.admin("POST", "/tenants", """
                {"id":"%s","name":"IDNA","hosts":["%s"]}""".formatted(id, registered)).assertJson(201);
        try {
            assertEquals(
                    "[\"" + browserSends + "\"]", tenant.getJsonArray("hosts").toString());
            assertEquals(
                    id,
                    client.get(browserSends, "/api/tenant/info").assertJson(200).getString("tenant_id"));
            assertEquals(
                    id,
                    client.admin("GET", "/hosts/" + URLEncoder.encode(registered, StandardCharsets.UTF_8), null)
                            .assertJson(200)
                            .getString("tenantId"));
        } finally {
            client.admin("DELETE", "/tenants/" + id, null).assertStatus(204);
        }
    }

    /** A host stored under IDNA 2003 ("strasse" for "straße") still answers the browser's spelling. */
    @Test
    void aHostStoredUnderTheOldMappingStillMatches() {
        client.admin("POST", "/tenants", """
                {"id":"idna-legacy","name":"Legacy","hosts":["strasse.legacy.test"]}""").assertStatus(201);
        try {
            assertEquals(
                    "idna-legacy",
                    client.get("xn--strae-oqa.legacy.test", "/api/tenant/info")
                            .assertJson(200)
                            .getString("tenant_id"));
            assertEquals(
                    "idna-legacy",
                    client.admin("GET", "/hosts/stra%C3%9Fe.legacy.test", null)
                            .assertJson(200)
                            .getString("tenantId"));
            client.admin("DELETE", "/tenants/idna-legacy/hosts/stra%C3%9Fe.legacy.test", null)
                    .assertStatus(204);
            client.get("strasse.legacy.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
        } finally {
            client.admin("DELETE", "/tenants/idna-legacy", null).assertStatus(204);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown.test", "acme.test.evil.test", "test", "127.0.0.1", "[::1]", "[::1]:8080"})
    void aHostOfNoTenantIsNotFound(String host) {
        client.get(host, "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a..b",
                ".acme.test",
                "acme.test..",
                "-acme.test",
                "acme-.test",
                "acme_corp.test",
                "exa mple.test",
                "acme.test/evil",
                "acme.test\\evil",
                "user@acme.test",
                "acme.test?x",
                "acme.test#x",
                "*.acme.test",
                "%61cme.test",
                "acme.test:abc",
                "acme.test:99999",
                "acme.test, globex.test",
                "acme.test;globex.test",
                "[::1",
                "[::1]x",
                "[gggg::1]",
                "[1::2::3]",
                "999.1.1.1",
                "1.2.3",
                "<script>.test",
                "acme.test'--",
            })
    void malformedHostsAreRejected(String host) {
        TenancyClient.Reply reply =
                client.raw("GET /api/tenant/info HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        if (Deployments.isWildFly() && reply.body().isEmpty()) {
            // Undertow refuses hosts outside RFC 3986's grammar (spaces, '/', '@', '?', a bad port or
            // IPv6 literal, '<') itself, with a bare 400, before any application sees them.
            assertEquals(400, reply.status());
            return;
        }
        reply.assertProblem(400, "HOST_INVALID");
    }

    /**
     * Hosts that Payara's connector cannot parse (more than one colon outside brackets, an empty
     * value) never reach the application: Payara itself answers, with an empty body. Whichever
     * layer answers, no tenant is served and nothing is leaked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"acme.test:80:80", "::1", "acme.test::", ""})
    void hostsTheServerCannotParseReachNoTenant(String host) {
        TenancyClient.Reply reply =
                client.raw("GET /api/tenant/info HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        if (reply.body().isEmpty()) {
            assertTrue(reply.status() < 500, () -> "status " + reply.status());
        } else {
            reply.assertProblem(400, "HOST_INVALID");
        }
    }

    @Test
    void overlongNamesAndLabelsAreRejected() {
        String label64 = "a".repeat(64);
        client.get(label64 + ".test", "/api/tenant/info").assertProblem(400, "HOST_INVALID");
        String tooLong = ("a".repeat(60) + ".").repeat(4) + "b".repeat(10) + ".test"; // labels fine, 259 in all
        assertEquals(259, tooLong.length());
        client.get(tooLong, "/api/tenant/info").assertProblem(400, "HOST_INVALID");
    }

    @Test
    void aRequestWithoutAHostIsRejected() {
        TenancyClient.Reply http10 = client.raw("GET /api/tenant/info HTTP/1.0\r\n\r\n");
        if (Deployments.isWildFly()) {
            // Undertow fills a missing HTTP/1.0 Host with its virtual host's name, which is no tenant's.
            http10.assertProblem(404, "TENANT_NOT_FOUND");
            assertTrue(http10.body().contains("'default-host'"), http10.body());
        } else {
            // HTTP/1.0 allows leaving out Host: the application sees the request and refuses it.
            http10.assertProblem(400, "HOST_INVALID");
        }
        // HTTP/1.1 requires Host: Payara refuses the request before any application sees it.
        TenancyClient.Reply reply = client.raw("GET /api/tenant/info HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertEquals(400, reply.status());
        assertFalse(reply.body().contains("acme") || reply.body().contains("globex"), reply.body());
    }

    @Test
    void onlyTheHostSelectsTheTenant() {
        String[][] attempts = {
            {"X-Tenant-ID", "globex"},
            {"X-Tenant", "globex"},
            {"Tenant", "globex"},
            {"X-Forwarded-Host", "globex.test"},
            {"Forwarded", "host=globex.test"},
            {"X-Forwarded-Server", "globex.test"},
            {"X-Host", "globex.test"},
            {"X-Original-Host", "globex.test"},
            {"Cookie", "tenant=globex; tenant_id=globex"},
        };
        for (String[] header : attempts) {
            JsonObject info = client.get("acme.test", "/api/tenant/info", header[0], header[1])
                    .assertJson(200);
            assertEquals("acme", info.getString("tenant_id"), () -> "selected by " + header[0]);
        }
        for (String query : new String[] {"tenant=globex", "tenant_id=globex", "tenantId=globex", "host=globex.test"}) {
            assertEquals(
                    "acme",
                    client.get("acme.test", "/api/tenant/info?" + query)
                            .assertJson(200)
                            .getString("tenant_id"),
                    () -> "selected by ?" + query);
        }
        // An unknown host stays unknown, whatever the request claims.
        client.get("unknown.test", "/api/tenant/info", "X-Forwarded-Host", "acme.test")
                .assertProblem(404, "TENANT_NOT_FOUND");
        client.get("unknown.test", "/api/tenant/info?tenant=acme").assertProblem(404, "TENANT_NOT_FOUND");
    }

    @Test
    void aSuspendedTenantIsRefusedUntilReactivated() {
        client.admin("POST", "/tenants", """
                {"id":"initech","name":"Initech","hosts":["initech.test"]}""").assertStatus(201);
        client.get("initech.test", "/api/tenant/info").assertJson(200);

        client.admin("PATCH", "/tenants/initech", "{\"status\":\"SUSPENDED\"}").assertJson(200);
        JsonObject problem = client.get("initech.test", "/api/tenant/info").assertProblem(403, "TENANT_INACTIVE");
        assertFalse(problem.getString("detail").contains("initech"), "the tenant's id is not told to visitors");
        assertEquals(
                "acme",
                client.get("acme.test", "/api/tenant/info").assertJson(200).getString("tenant_id"),
                "other tenants are unaffected");

        client.admin("PATCH", "/tenants/initech", "{\"status\":\"ACTIVE\"}").assertJson(200);
        assertEquals(
                "initech",
                client.get("initech.test", "/api/tenant/info").assertJson(200).getString("tenant_id"));
        client.admin("DELETE", "/tenants/initech", null).assertStatus(204);
        client.get("initech.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
    }

    @Test
    void resourcesWithoutTenantScopedRunWithoutATenant() {
        // The admin API answers on a tenant's host too, and is not scoped to that tenant.
        TenancyClient.Reply reply = client.send(
                "GET",
                "acme.test",
                "/api/admin/tenants",
                null,
                null,
                "Authorization",
                TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD));
        JsonObject page = reply.assertJson(200);
        assertNotEquals(1, page.getInt("total"), "sees every tenant, not only acme");
    }
}
