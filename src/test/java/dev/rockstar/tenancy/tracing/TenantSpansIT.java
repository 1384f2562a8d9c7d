package dev.rockstar.tenancy.tracing;

import com.sun.net.httpserver.HttpServer;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Tracing turned on as an operator would on Payara Micro (MicroProfile Telemetry, {@code otel.*}
 * in MicroProfile Config), its spans exported over OTLP to a collector in this test: the spans of
 * a tenant's request carry {@code tenant.id} with that tenant's id, and another tenant's its own.
 * A deployment of its own: every other test runs with tracing off, as the product ships.
 */
@EnabledIf(
        value = "onPayara",
        disabledReason =
                "MicroProfile Telemetry is Payara's; WildFly's needs its opentelemetry subsystem, a manual check in DEPLOYMENT.md")
class TenantSpansIT extends DeployedWarTest {

    /** The export requests' bodies (OTLP protobuf), as they arrived. */
    private static final List<byte[]> EXPORTS = new CopyOnWriteArrayList<>();

    private static HttpServer collector;

    static boolean onPayara() {
        return Deployments.isPayara();
    }

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                EXPORTS.add(body.readAllBytes());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        return Deployments.war(Map.of(
                "otel.sdk.disabled", "false",
                "otel.service.name", "rockstar-tenancy-it",
                "otel.traces.exporter", "otlp",
                "otel.exporter.otlp.traces.protocol", "http/protobuf",
                "otel.exporter.otlp.traces.endpoint",
                        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces",
                "otel.bsp.schedule.delay", "200"));
    }

    @Test
    void eachTenantsRequestSpansCarryItsOwnTenantId() {
        String a = client.newTenant("span");
        String b = client.newTenant("span");
        String idA = TenancyClient.idOf(a);
        String idB = TenancyClient.idOf(b);
        // A new title at each poll: the poll repeats the request, and a title is unique per tenant.
        AtomicInteger polls = new AtomicInteger();
        awaitTagged(idA, () -> client.newDocument(a, "Traced " + polls.incrementAndGet(), "as A"));
        awaitTagged(idB, () -> client.get(b, "/api/documents").assertStatus(200));
    }

    /**
     * The tenant's request, again at each poll until one of its spans has arrived tagged: the
     * server's exporter may lose the spans of a new deployment's first requests (seen once in CI:
     * none arrived in 30 s), which says nothing of the tag. A span that arrives carries it, or the
     * wait fails naming what did arrive.
     */
    private static void awaitTagged(String tenantId, Runnable request) {
        Wait.every(Duration.ofSeconds(1))
                .until(
                        "a span tagged " + tenantId,
                        Duration.ofSeconds(60),
                        () -> {
                            if (tagged(tenantId)) {
                                return "tagged";
                            }
                            request.run();
                            return EXPORTS.size() + " exports arrived, none with a span tagged " + tenantId
                                    + "; the tenant.id values in them: " + taggedValues();
                        },
                        "tagged"::equals);
    }

    private static boolean tagged(String tenantId) {
        Pattern tag = attribute(tenantId);
        return EXPORTS.stream()
                .anyMatch(e ->
                        tag.matcher(new String(e, StandardCharsets.ISO_8859_1)).find());
    }

    /**
     * The attribute as OTLP's protobuf writes it: the key's bytes, a few bytes of framing, the
     * value's length (one byte below 128) and the value's bytes. The length ends the match, not
     * the byte after the value: that is the span's next field, whose tag may be any byte (a span's
     * status, field 15, is written 'z').
     */
    private static Pattern attribute(String tenantId) {
        return Pattern.compile(Pattern.quote(TenantSpans.ATTRIBUTE) + "[\\x00-\\xff]{1,5}"
                + Pattern.quote(String.valueOf((char) tenantId.length())) + Pattern.quote(tenantId));
    }

    /** Every tenant.id value in the exports so far, for the message of a wait that failed. */
    private static Set<String> taggedValues() {
        Pattern value =
                Pattern.compile(Pattern.quote(TenantSpans.ATTRIBUTE) + "[\\x00-\\xff]{1,5}?([a-z0-9][a-z0-9-]{2,})");
        Set<String> values = new TreeSet<>();
        for (byte[] export : EXPORTS) {
            Matcher m = value.matcher(new String(export, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                values.add(m.group(1));
            }
        }
        return values;
    }

    @AfterAll
    static void stopCollector() {
        if (collector != null) {
            collector.stop(0);
        }
    }
}
