package dev.rockstar.tenancy.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Bodies above {@code tenancy.request.max-body-bytes} (default 1 MiB): 413 {@code PAYLOAD_TOO_LARGE}
 * and nothing stored, whether the body declares its length or streams without one. On every
 * server: how a body reaches the application is the server's business.
 */
class RequestBodyLimitIT extends DeployedWarTest {

    private static final int FIVE_MIB = 5 * 1024 * 1024;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aFiveMebibyteBodyWithItsLengthIsRefusedAndNothingStored() {
        String host = client.newTenant("body");
        client.send("POST", host, "/api/documents", "application/json", document(FIVE_MIB))
                .assertProblem(413, "PAYLOAD_TOO_LARGE");
        assertEquals(0, client.get(host, "/api/documents").assertJson(200).getInt("total"));
    }

    @Test
    void aFiveMebibyteChunkedBodyIsRefusedAndNothingStored() {
        String host = client.newTenant("chunked");
        client.sendChunked(
                        "POST",
                        host,
                        "/api/documents",
                        "application/json",
                        document(FIVE_MIB).getBytes(StandardCharsets.UTF_8))
                .assertProblem(413, "PAYLOAD_TOO_LARGE");
        assertEquals(0, client.get(host, "/api/documents").assertJson(200).getInt("total"));
    }

    @Test
    void anAdminImportAboveTheLimitImportsNothing() {
        StringBuilder lines = new StringBuilder();
        String prefix = "big-" + Long.toHexString(System.nanoTime());
        for (int i = 0; lines.length() <= 1024 * 1024; i++) {
            lines.append("{\"id\":\"")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append("\",\"hosts\":[\"")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append(".test\"]}\n");
        }
        client.send(
                        "POST",
                        "localhost",
                        "/api/admin/tenants/import",
                        "application/x-ndjson",
                        lines.toString(),
                        "Authorization",
                        TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD))
                .assertProblem(413, "PAYLOAD_TOO_LARGE");
        client.admin("GET", "/tenants/" + prefix + "-0", null).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() {
        String host = client.newTenant("under");
        // read and judged on its content (a title this long is a validation error), not refused for its size
        client.send("POST", host, "/api/documents", "application/json", document(1024 * 1024 - 100))
                .assertProblem(400, "VALIDATION_FAILED");
        client.sendChunked(
                        "POST",
                        host,
                        "/api/documents",
                        "application/json",
                        "{\"title\":\"chunked\",\"content\":\"small\"}".getBytes(StandardCharsets.UTF_8))
                .assertJson(201);
    }

    /** A document whose JSON is about {@code size} bytes, all of it in the title. */
    private static String document(int size) {
        return "{\"title\":\"" + "x".repeat(size - 30) + "\",\"content\":\"c\"}";
    }
}
