package dev.rockstar.tenancy.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PipelineProbe;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import jakarta.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tenant chain as a method with only {@code @RequiresFeature} gets it, and work run as a tenant. */
class TenantPipelineIT extends TwoTenantsTest {

    private static final String FEATURE_ONLY = "/api/test/pipeline/feature-only";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(PipelineProbe.class, PipelineProbe.Resources.class);
    }

    @Override
    protected String prefix() {
        return "pipeline";
    }

    @Test
    void aFeatureOnlyMethodRunsEveryStepOfTheTenantChain() {
        client.get("unknown.test", FEATURE_ONLY).assertProblem(404, "TENANT_NOT_FOUND");
        client.get(a, FEATURE_ONLY).assertProblem(403, "FEATURE_DISABLED");
        patch(a, "{\"config\":{\"features\":{\"probe\":true}}}");
        assertEquals(
                TenancyClient.idOf(a),
                client.get(a, FEATURE_ONLY).assertJson(200).getString("tenant"),
                "the tenant is bound for the method");
        client.get(b, FEATURE_ONLY).assertProblem(403, "FEATURE_DISABLED");

        patch(a, "{\"status\":\"SUSPENDED\"}");
        client.get(a, FEATURE_ONLY).assertProblem(403, "TENANT_INACTIVE");
        patch(a, "{\"status\":\"ACTIVE\"}");

        patch(a, "{\"config\":{\"limits\":{\"requestsPerSecond\":0}}}");
        client.get(a, FEATURE_ONLY).assertProblem(429, "RATE_LIMITED");
        patch(a, "{\"config\":{\"limits\":{\"requestsPerSecond\":null}}}");
        client.get(a, FEATURE_ONLY).assertJson(200);
    }

    @Test
    void aFeatureOnlyMethodRefusesAnotherTenantsSession() {
        patch(a, "{\"config\":{\"features\":{\"probe\":true}}}");
        client.admin(
                        "POST",
                        "/tenants/" + TenancyClient.idOf(b) + "/users",
                        "{\"username\":\"eve\",\"password\":\"password-of-eve\",\"roles\":[]}")
                .assertJson(201);
        String cookie = client.postJson(b, "/api/login", "{\"username\":\"eve\",\"password\":\"password-of-eve\"}")
                .assertStatus(200)
                .header("Set-Cookie");
        assertNotNull(cookie, "a session cookie");
        Matcher session = Pattern.compile("JSESSIONID=([^;,\\s]+)").matcher(cookie);
        assertTrue(session.find(), cookie);
        client.get(a, FEATURE_ONLY, "Cookie", "JSESSIONID=" + session.group(1)).assertProblem(403, "TENANT_MISMATCH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run-as", "run-as-async"})
    void workRunAsATenantSeesThatTenantsDataOnlyAndLeavesNoTenantBehind(String path) {
        client.postJson(a, "/api/documents", "{\"title\":\"A's\",\"content\":\"x\"}")
                .assertStatus(201);
        JsonObject asA = client.get("localhost", "/api/test/pipeline/" + path + "/" + TenancyClient.idOf(a))
                .assertJson(200);
        assertEquals(TenancyClient.idOf(a), asA.getString("tenant"));
        assertEquals(1, asA.getInt("documents"));
        JsonObject asB = client.get("localhost", "/api/test/pipeline/" + path + "/" + TenancyClient.idOf(b))
                .assertJson(200);
        assertEquals(TenancyClient.idOf(b), asB.getString("tenant"));
        assertEquals(0, asB.getInt("documents"), "B's run sees none of A's rows");
        if (path.equals("run-as")) {
            assertEquals("none", asA.getString("after"), "the request has no tenant again afterwards");
        }
    }

    @Test
    void onlyARegisteredActiveTenantCanBeRunAs() {
        client.get("localhost", "/api/test/pipeline/run-as/no-such-tenant").assertProblem(404, "TENANT_NOT_FOUND");
        patch(b, "{\"status\":\"SUSPENDED\"}");
        client.get("localhost", "/api/test/pipeline/run-as/" + TenancyClient.idOf(b))
                .assertProblem(403, "TENANT_INACTIVE");
    }

    private void patch(String host, String json) {
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(host), json).assertJson(200);
    }
}
