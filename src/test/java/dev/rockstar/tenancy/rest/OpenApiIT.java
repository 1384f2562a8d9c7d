package dev.rockstar.tenancy.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi} on this server (its own MicroProfile OpenAPI, or the application's where it has
 * none) serves the API's document, valid by swagger-parser, and true of the running API: every
 * documented operation is routed by the server, and its real answers, errors included, have a
 * documented status and media type and validate against the document's schemas.
 */
class OpenApiIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void servesTheApisDocumentValidInYamlAndJson() throws IOException {
        TenancyClient.Reply yaml = client.get("localhost", "/openapi");
        assertEquals(200, yaml.status(), yaml.body());
        // YAML unless JSON is asked for; Payara calls it text/plain, the application application/yaml
        assertTrue(yaml.contentType().contains("yaml") || yaml.contentType().equals("text/plain"), yaml.contentType());
        assertFalse(yaml.body().startsWith("{"), yaml.body());
        TenancyClient.Reply json = client.get("localhost", "/openapi", "Accept", "application/json");
        assertEquals(200, json.status(), json.body());
        assertEquals("application/json", json.contentType());

        OpenApiContract fromYaml = standard(OpenApiContract.read(yaml.body()));
        OpenApiContract fromJson = standard(OpenApiContract.read(json.body()));
        assertEquals(List.of(), fromYaml.parserMessages());
        assertEquals(List.of(), fromJson.parserMessages());
        assertTrue(fromJson.version().startsWith("3."), fromJson.version());
        if (payara6()) {
            assertTrue(fromJson.version().startsWith("3.0"), "Payara 6 writes OpenAPI 3.0: " + fromJson.version());
        }
        OpenApiContract packaged = packaged();
        assertEquals(packaged.operations(), fromJson.operations());
        assertEquals(packaged.operations(), fromYaml.operations());
        assertEquals(
                packaged.root().path("components").path("schemas"),
                fromJson.root().path("components").path("schemas"));
    }

    @Test
    void isTheSameOnEveryHostAndNamesNoTenant() {
        String onLocalhost = client.get("localhost", "/openapi", "Accept", "application/json")
                .body();
        TenancyClient.Reply onTenantHost = client.get("acme.test", "/openapi", "Accept", "application/json");
        assertEquals(200, onTenantHost.status());
        assertEquals(onLocalhost, onTenantHost.body());
        for (String tenantData : List.of("acme", "globex", "Acme Corp")) {
            assertFalse(onLocalhost.contains(tenantData), tenantData);
        }
    }

    @Test
    void everyDocumentedOperationIsRoutedAndAnswersAsDocumented() {
        OpenApiContract document = servedDocument();
        String host = client.newTenant("openapi");
        String tenant = TenancyClient.idOf(host);
        String documentId = client.newDocument(host, "a title", "some content");
        List<String> wrong = new ArrayList<>();
        // the user and the session every read below uses, their answers checked as well (a
        // password is hashed for each, so they are made once)
        TenancyClient.Reply user = client.admin(
                "POST",
                "/tenants/" + tenant + "/users",
                "{\"username\":\"reader\",\"password\":\"a-password-of-the-reader\",\"roles\":[\"manager\"]}");
        check(document, "POST /api/admin/tenants/{id}/users", user.assertStatus(201), wrong);
        TenancyClient.Reply login = client.login(host, "reader", "a-password-of-the-reader");
        check(document, "POST /api/login", login.assertStatus(200), wrong);
        String session = "JSESSIONID=" + TenancyClient.sessionOf(login);
        client.admin("PATCH", "/tenants/" + tenant, "{\"config\":{\"features\":{\"exports\":true}}}")
                .assertStatus(200);
        // a finished move, so that the reads of moves below answer a real one, whose members
        // that no longer apply (a finished move's failure) are null
        TenancyClient.Reply moved = client.admin(
                "PUT",
                "/tenants/" + tenant + "/placement",
                "{\"placement\":\"" + Deployments.declaredPlacements().get(0) + "\"}");
        check(document, "PUT /api/admin/tenants/{id}/placement", moved.assertStatus(202), wrong);
        String move = client.awaitMoveEnd(moved.header("Location")).getString("id");

        for (String operation : document.operations()) {
            String[] parts = operation.split(" ", 2);
            String method = parts[0];
            boolean admin = parts[1].startsWith("/api/admin/");
            // reads address what exists; writes what does not, or with an empty body: each is
            // refused with a problem, changes nothing, and is still answered by its resource
            boolean read = method.equals("GET");
            String path = fill(
                    parts[1],
                    read
                            ? Map.of(
                                    "id",
                                    admin ? tenant : documentId,
                                    "host",
                                    host,
                                    "username",
                                    "reader",
                                    "moveId",
                                    move)
                            : Map.of(
                                    "id",
                                    admin ? "openapi-absent" : "0",
                                    "host",
                                    "absent.openapi.test",
                                    "username",
                                    "nobody"));
            String contentType = requestType(document.operation(operation));
            String body = contentType == null ? null : contentType.endsWith("json") ? "{}" : "";
            TenancyClient.Reply reply = admin
                    ? client.send(method, "localhost", path, contentType, body, "Authorization", adminAuth())
                    : read
                            ? client.send(method, host, path, contentType, body, "Cookie", session)
                            : client.send(method, host, path, contentType, body);
            wrong.addAll(document.violations(operation, reply.status(), reply.contentType(), body(reply)));
            // a read of what no value here stands for (a move of a tenant that never moved) is a 404
            boolean exists = !path.contains("absent");
            if (read && exists && reply.status() != 200) {
                wrong.add(operation + " (" + path + ") answered " + reply.status() + " " + reply.body());
            }
            TenancyClient.Reply options = admin
                    ? client.send("OPTIONS", "localhost", path, null, null, "Authorization", adminAuth())
                    : client.send("OPTIONS", host, path, null, null);
            String allow = String.valueOf(options.header("Allow")).toUpperCase(Locale.ROOT);
            if (!Arrays.asList(allow.split("\\s*,\\s*")).contains(method)) {
                wrong.add(operation + ": OPTIONS " + path + " answered " + options.status() + " Allow: " + allow);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void successfulWritesAnswerAsDocumented() {
        OpenApiContract document = servedDocument();
        String host = client.newTenant("openapi");
        String tenant = TenancyClient.idOf(host);
        List<String> wrong = new ArrayList<>();

        TenancyClient.Reply created = client.postJson(host, "/api/documents", "{\"title\":\"t\",\"content\":\"c\"}");
        check(document, "POST /api/documents", created, wrong);
        String id = created.json().getString("id");
        check(
                document,
                "PUT /api/documents/{id}",
                client.send(
                        "PUT", host, "/api/documents/" + id, "application/json", "{\"title\":\"u\",\"content\":\"d\"}"),
                wrong);
        check(
                document,
                "POST /api/documents/{id}/comments",
                client.postJson(host, "/api/documents/" + id + "/comments", "{\"text\":\"a comment\"}"),
                wrong);
        check(
                document,
                "PATCH /api/admin/tenants/{id}",
                client.admin("PATCH", "/tenants/" + tenant, "{\"name\":\"Renamed\"}"),
                wrong);
        check(
                document,
                "PUT /api/admin/tenants/{id}/hosts/{host}",
                client.admin("PUT", "/tenants/" + tenant + "/hosts/second-" + host, null),
                wrong);
        check(
                document,
                "DELETE /api/documents/{id}",
                client.send("DELETE", host, "/api/documents/" + id, null, null),
                wrong);
        check(
                document,
                "POST /api/admin/tenants",
                client.admin("POST", "/tenants", "{\"id\":\"" + tenant + "\",\"hosts\":[\"" + host + "\"]}"),
                wrong);
        assertEquals(List.of(), wrong);
    }

    /**
     * The document as OpenAPI allows it. Payara Micro 6 writes a member of its own beside it,
     * {@code endpoints} (the paths by context root), where OpenAPI allows only {@code x-} members;
     * Payara 7 names it {@code x-endpoints} (payara/Payara#7891). Exactly that member, and only
     * on Payara 6, is taken off before the document is judged.
     */
    private static OpenApiContract standard(OpenApiContract served) {
        if (!payara6()) {
            return served;
        }
        assertTrue(served.root().path("endpoints").isObject(), "Payara 6 adds endpoints");
        for (String message : served.parserMessages()) {
            assertEquals("attribute endpoints is unexpected", message);
        }
        return served.without("endpoints");
    }

    private static boolean payara6() {
        return Deployments.isPayara() && System.getProperty("it.required.java") == null;
    }

    private static void check(
            OpenApiContract document, String operation, TenancyClient.Reply reply, List<String> wrong) {
        wrong.addAll(document.violations(operation, reply.status(), reply.contentType(), body(reply)));
    }

    private static String body(TenancyClient.Reply reply) {
        return reply.body() == null ? "" : reply.body();
    }

    private static String requestType(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        if (content.has("application/json")) {
            return "application/json";
        }
        var names = content.fieldNames();
        return names.hasNext() ? names.next() : null;
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private static String fill(String template, Map<String, String> values) {
        Matcher parameter = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            parameter.appendReplacement(
                    path, Matcher.quoteReplacement(values.getOrDefault(parameter.group(1), "absent")));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    private static String adminAuth() {
        return TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD);
    }

    private static OpenApiContract packaged() throws IOException {
        try (InputStream in = OpenApiIT.class.getClassLoader().getResourceAsStream(OpenApiEndpoint.DOCUMENT)) {
            return OpenApiContract.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The document the server serves, as JSON, in its standard form. */
    private OpenApiContract servedDocument() {
        return standard(OpenApiContract.read(client.get("localhost", "/openapi", "Accept", "application/json")
                .body()));
    }
}
