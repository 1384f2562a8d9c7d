package dev.rockstar.tenancy.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Every error this release can raise has its code's status, media type and body shape
 * (docs/HTTP-API.md),
 * including those the JAX-RS runtime and the servlet container raise on their own.
 */
class ProblemsIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void hostInvalid() {
        JsonObject problem = client.get("a..b", "/api/tenant/info").assertProblem(400, "HOST_INVALID");
        assertTrue(problem.getString("type").startsWith("urn:rockstar-tenancy:problem:"));
        assertEquals("Invalid host", problem.getString("title"));
    }

    @Test
    void tenantNotFound() {
        client.get("nobody.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
    }

    @Test
    void tenantInactive() {
        client.admin("POST", "/tenants", "{\"id\":\"sleepy\",\"hosts\":[\"sleepy.test\"],\"status\":\"SUSPENDED\"}")
                .assertStatus(201);
        client.get("sleepy.test", "/api/tenant/info").assertProblem(403, "TENANT_INACTIVE");
    }

    @Test
    void validationFailedNamesTheField() {
        JsonObject problem = client.admin("POST", "/tenants", "{\"id\":\"x\",\"hosts\":[\"ok.test\", 5]}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertEquals("hosts[1] must be a string", problem.getString("detail"));
        problem = client.admin("PATCH", "/tenants/acme", "{\"config\":{\"limits\":{\"maxDocuments\":\"many\"}}}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertEquals("config.limits.maxDocuments must be a whole number >= 0", problem.getString("detail"));
    }

    @Test
    void unreadableBodiesAreValidationFailures() {
        for (String body : new String[] {"{not json", "[]", "\"text\"", "", "{\"id\":\"x\"} trailing", "null"}) {
            client.admin("POST", "/tenants", body).assertProblem(400, "VALIDATION_FAILED");
        }
    }

    @Test
    void unauthorized() {
        TenancyClient.Reply reply = client.get("localhost", "/api/admin/tenants");
        reply.assertProblem(401, "UNAUTHORIZED");
        assertTrue(reply.header("WWW-Authenticate").startsWith("Basic realm="));
    }

    @Test
    void notFoundForUnknownPathsInsideAndOutsideTheApi() {
        client.get("acme.test", "/api/no-such-thing").assertProblem(404, "NOT_FOUND");
        client.admin("GET", "/no-such-thing", null).assertProblem(404, "NOT_FOUND");
        client.get("acme.test", "/no-such-page.html").assertProblem(404, "NOT_FOUND");
        TenancyClient.Reply protectedPath = client.get("localhost", "/WEB-INF/web.xml");
        if (Deployments.isWildFly()) {
            // Undertow answers requests into WEB-INF itself, before the application's error page.
            assertEquals(404, protectedPath.status());
            assertFalse(protectedPath.body().contains("web-app"), protectedPath.body());
        } else {
            protectedPath.assertProblem(404, "NOT_FOUND");
        }
        client.admin("GET", "/tenants/nobody", null).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void conflict() {
        client.admin("POST", "/tenants", "{\"id\":\"globex\"}").assertProblem(409, "CONFLICT");
    }

    @Test
    void wrongMethodTellsWhatIsAllowed() {
        TenancyClient.Reply reply = client.send("DELETE", "acme.test", "/api/tenant/info", null, null);
        reply.assertProblem(405, "METHOD_NOT_ALLOWED");
        assertTrue(reply.header("Allow").contains("GET"), reply.header("Allow"));
        client.admin("PUT", "/tenants", "{}").assertProblem(405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void unsupportedMediaType() {
        client.send(
                        "POST",
                        "localhost",
                        "/api/admin/tenants",
                        "text/plain",
                        "{\"id\":\"x\"}",
                        "Authorization",
                        TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD))
                .assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        client.send(
                        "POST",
                        "localhost",
                        "/api/admin/tenants",
                        "application/xml",
                        "<id>x</id>",
                        "Authorization",
                        TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD))
                .assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void notAcceptable() {
        client.get("acme.test", "/api/tenant/info", "Accept", "text/html").assertProblem(406, "NOT_ACCEPTABLE");
    }
}
