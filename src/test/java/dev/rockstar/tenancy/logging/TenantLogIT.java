package dev.rockstar.tenancy.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.ServerLog;
import dev.rockstar.tenancy.testing.TenancyClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The server's own log file, read as an operator reads it: every record written while a tenant
 * is bound names the tenant and the request, the application's and the server's (EclipseLink)
 * alike; a problem document's {@code instance} is the id on those lines; and no line of one tenant
 * names another, also on pooled threads that served the other just before.
 */
class TenantLogIT extends DeployedWarTest {

    private static final String PROBE = "/api/test/log/";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void anApplicationLineNamesTheTenantAndTheRequest() {
        ServerLog log = ServerLog.mark();
        String marker = marker();
        TenancyClient.Reply reply =
                client.get("acme.test", PROBE + "tenant/" + marker).assertStatus(200);
        String request = reply.header("X-Request-Id");
        assertNotNull(request, "X-Request-Id");
        log.await("tenant=acme request=" + request + " log-probe " + marker);
    }

    @Test
    void theServersRecordsAndTheProblemNameTheSameRequest() {
        ServerLog log = ServerLog.mark();
        String marker = marker();
        TenancyClient.Reply reply = client.get("acme.test", PROBE + "tenant/" + marker + "/sql");
        JsonObject problem = reply.assertProblem(500, "INTERNAL_ERROR");
        String request = problem.getString("instance");
        assertEquals(reply.header("X-Request-Id"), request);
        String text = log.await("tenant=acme request=" + request + " Unexpected error, incident " + request);
        List<String> records = recordsOf(text, request);
        assertTrue(
                records.stream().anyMatch(r -> r.contains("EclipseLink") || r.contains("org.eclipse.persistence")),
                () -> "EclipseLink's record of the refused statement names the request: " + records);
        for (String record : records) {
            assertTrue(record.contains("tenant=acme request=" + request), record);
            assertFalse(record.contains("globex"), record);
        }
    }

    @Test
    void noLineOfOneTenantNamesAnother() {
        ServerLog log = ServerLog.mark();
        List<String[]> expected = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            for (String host : new String[] {"acme.test", "globex.test", "localhost"}) {
                String marker = marker();
                String path = PROBE + (host.equals("localhost") ? "none/" : "tenant/") + marker;
                String request = client.get(host, path).assertStatus(200).header("X-Request-Id");
                expected.add(new String[] {host, request, marker});
            }
        }
        String text = log.await(expected.stream()
                .map(e -> "request=" + e[1] + " log-probe " + e[2])
                .toArray(String[]::new));
        for (String[] e : expected) {
            String line = lineWith(text, "log-probe " + e[2]);
            switch (e[0]) {
                case "acme.test" -> {
                    assertTrue(line.contains("tenant=acme request=" + e[1]), line);
                    assertFalse(line.contains("globex"), line);
                }
                case "globex.test" -> {
                    assertTrue(line.contains("tenant=globex request=" + e[1]), line);
                    assertFalse(line.contains("acme"), line);
                }
                default -> assertFalse(line.contains("tenant="), () -> "no tenant was bound: " + line);
            }
        }
    }

    @Test
    void problemsOutsideAnyTenantCarryTheirRequestToo() {
        for (String[] hostPathCode : new String[][] {
            {"nobody.test", "/api/tenant/info", "TENANT_NOT_FOUND"},
            {"acme.test", "/no-such-page.html", "NOT_FOUND"},
            {"acme.test", "/api/nothing-here", "NOT_FOUND"}
        }) {
            TenancyClient.Reply reply = client.get(hostPathCode[0], hostPathCode[1]);
            JsonObject problem = reply.assertProblem(404, hostPathCode[2]);
            assertEquals(reply.header("X-Request-Id"), problem.getString("instance"));
        }
    }

    /**
     * One tagging handler, first, where the server has no MDC; none on WildFly. The servers that
     * deploy many WARs in a run (GlassFish, WildFly) have had others deployed and undeployed
     * before this one: none of theirs is left behind.
     */
    @Test
    void oneTaggingHandlerRunsFirstAndNoneOfAnEarlierDeploymentStays() {
        String body = client.get("localhost", PROBE + "root-handlers")
                .assertStatus(200)
                .body();
        List<String> handlers;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            handlers = reader.readArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
        String tagging = TaggingHandler.class.getName();
        long count = handlers.stream().filter(tagging::equals).count();
        if (Deployments.isWildFly()) {
            assertEquals(0, count, handlers::toString);
        } else {
            assertEquals(1, count, handlers::toString);
            assertEquals(tagging, handlers.get(0), handlers::toString);
        }
    }

    /** Each record naming the request: its line and the one before (where a format puts the logger). */
    private static List<String> recordsOf(String text, String request) {
        List<String> records = new ArrayList<>();
        for (int at = text.indexOf("request=" + request); at >= 0; at = text.indexOf("request=" + request, at + 1)) {
            int lineEnd = text.indexOf('\n', at);
            int lineStart = text.lastIndexOf('\n', at);
            int previousLine = lineStart <= 0 ? 0 : text.lastIndexOf('\n', lineStart - 1) + 1;
            records.add(text.substring(previousLine, lineEnd < 0 ? text.length() : lineEnd));
        }
        return records;
    }

    private static String lineWith(String text, String needle) {
        int at = text.indexOf(needle);
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static String marker() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
