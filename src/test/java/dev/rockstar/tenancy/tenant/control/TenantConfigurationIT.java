package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.ConfigurationProbe;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import jakarta.json.JsonObject;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant configuration end to end: defaults from MicroProfile Config, a tenant's own
 * settings over them, the typed view application code reads, feature-gated resources and the
 * branded landing page, each change visible on the next request.
 */
class TenantConfigurationIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                        "tenancy.defaults.features.exports", "false",
                        "tenancy.defaults.features.beta", "true",
                        "tenancy.defaults.limits.maxDocuments", "100",
                        "tenancy.defaults.limits.clientSharePercent", "80",
                        "tenancy.defaults.branding.primaryColor", "#123456"))
                .addClass(ConfigurationProbe.class);
    }

    @Override
    protected String prefix() {
        return "conf";
    }

    @Test
    void defaultsApplyToEveryTenantAndATenantsOwnSettingsWin() {
        patch(
                a,
                "{\"config\":{\"features\":{\"beta\":false,\"exports\":true},\"limits\":{\"maxDocuments\":5},"
                        + "\"branding\":{\"displayName\":\"Config A\"}}}");
        JsonObject ofA = read(a, "beta", "maxDocuments", "primaryColor");
        assertFalse(ofA.getBoolean("enabled"), "own false beats default true");
        assertEquals(5, ofA.getInt("limit"));
        assertEquals("#123456", ofA.getString("branding"), "default where A says nothing");
        JsonObject ofB = read(b, "beta", "maxDocuments", "displayName");
        assertTrue(ofB.getBoolean("enabled"), "B has the default");
        assertEquals(100, ofB.getInt("limit"));
        assertTrue(ofB.isNull("branding"), "A's display name is A's alone");
        assertFalse(read(b, "unknown-feature", "requestsPerSecond", "logoUrl").getBoolean("enabled"));
        assertTrue(read(b, "x", "requestsPerSecond", "logoUrl").isNull("limit"), "no limit unless set");
        assertEquals(80, read(b, "x", "clientSharePercent", "x").getInt("limit"), "the default share");

        JsonObject info = client.get(a, "/api/tenant/info").assertJson(200).getJsonObject("config");
        assertEquals("#123456", info.getJsonObject("branding").getString("primaryColor"), "info shows what applies");
        assertEquals(5, info.getJsonObject("limits").getInt("maxDocuments"));
        JsonObject stored = client.admin("GET", "/tenants/" + TenancyClient.idOf(a), null)
                .assertJson(200)
                .getJsonObject("config");
        assertFalse(stored.getJsonObject("branding").containsKey("primaryColor"), "the admin API shows its own");
    }

    @Test
    void aChangeIsVisibleOnTheNextRequest() {
        assertEquals(100, read(a, "x", "maxDocuments", "x").getInt("limit"));
        patch(a, "{\"config\":{\"limits\":{\"maxDocuments\":7}}}");
        assertEquals(7, read(a, "x", "maxDocuments", "x").getInt("limit"));
        patch(a, "{\"config\":{\"limits\":{\"maxDocuments\":null}}}");
        assertEquals(100, read(a, "x", "maxDocuments", "x").getInt("limit"), "removing it brings the default back");
    }

    @Test
    void aFeatureGatedResourceOpensOnlyWithTheFeature() {
        client.postJson(a, "/api/documents", "{\"title\":\"exported\",\"content\":\"x\"}")
                .assertStatus(201);
        client.get(a, "/api/documents/export").assertProblem(403, "FEATURE_DISABLED");
        patch(a, "{\"config\":{\"features\":{\"exports\":true}}}");
        JsonObject export = client.get(a, "/api/documents/export").assertJson(200);
        assertEquals(1, export.getJsonArray("items").size());
        client.get(b, "/api/documents/export").assertProblem(403, "FEATURE_DISABLED");
        patch(a, "{\"config\":{\"features\":{\"exports\":false}}}");
        client.get(a, "/api/documents/export").assertProblem(403, "FEATURE_DISABLED");
        client.get("unknown.test", "/api/documents/export").assertProblem(404, "TENANT_NOT_FOUND");
    }

    @Test
    void theLandingPageShowsTheBrandingOfTheHostsTenant() {
        patch(
                a,
                "{\"config\":{\"branding\":{\"displayName\":\"Alpha Industries\",\"primaryColor\":\"#ff6600\","
                        + "\"logoUrl\":\"https://alpha.example/logo.png\"}}}");
        patch(b, "{\"name\":\"Beta Named\"}");
        TenancyClient.Reply pageOfA = client.get(a, "/").assertStatus(200);
        assertTrue(pageOfA.contentType().equals("text/html"), pageOfA.contentType());
        assertTrue(pageOfA.body().contains("<h1 id=\"display-name\">Alpha Industries</h1>"), pageOfA.body());
        assertTrue(pageOfA.body().contains("background: #ff6600"), pageOfA.body());
        assertTrue(pageOfA.body().contains("https://alpha.example/logo.png"), pageOfA.body());
        assertTrue(pageOfA.header("Set-Cookie") == null, "a public page opens no session");

        TenancyClient.Reply pageOfB = client.get(b, "/").assertStatus(200);
        assertTrue(
                pageOfB.body().contains("<h1 id=\"display-name\">Beta Named</h1>"), "the name without a displayName");
        assertTrue(pageOfB.body().contains("background: #123456"), "the default colour");
        assertFalse(pageOfB.body().contains("Alpha") || pageOfB.body().contains("#ff6600"), pageOfB.body());
    }

    @Test
    void theLandingPageEscapesWhatATenantWrites() {
        patch(a, "{\"config\":{\"branding\":{\"displayName\":\"<script>alert('x')</script> & Co\"}}}");
        String html = client.get(a, "/").assertStatus(200).body();
        assertFalse(html.contains("<script>"), html);
        assertTrue(
                html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co")
                        || html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; Co"),
                html);
        client.admin(
                        "PATCH",
                        "/tenants/" + TenancyClient.idOf(a),
                        "{\"config\":{\"branding\":{\"primaryColor\":\"red;}</style><script>x()</script>\"}}}")
                .assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void theLandingPageOfAnUnknownOrSuspendedHostIsAProblem() {
        client.get("unknown.test", "/").assertProblem(404, "TENANT_NOT_FOUND");
        patch(b, "{\"status\":\"SUSPENDED\"}");
        client.get(b, "/").assertProblem(403, "TENANT_INACTIVE");
    }

    private JsonObject read(String host, String feature, String limit, String branding) {
        return client.get(
                        host,
                        "/api/test/configuration?feature=" + feature + "&limit=" + limit + "&branding=" + branding)
                .assertJson(200);
    }

    private void patch(String host, String json) {
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(host), json).assertJson(200);
    }
}
