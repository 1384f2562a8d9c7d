package dev.rockstar.tenancy.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.problems.ProblemCode;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's OpenAPI document (META-INF/openapi.json, what every server serves at /openapi) is a
 * valid OpenAPI document by swagger-parser, and cannot fall behind the code: every JAX-RS resource
 * method of the WAR is in it with the media types it reads and writes, nothing else is, and its
 * problem codes are the API's, each with its status.
 */
class OpenApiDocumentTest {

    private static String text;
    private static OpenApiContract document;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in =
                OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(OpenApiEndpoint.DOCUMENT)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        document = OpenApiContract.read(text);
    }

    @Test
    void isAValidOpenApi30Document() {
        assertEquals(List.of(), document.parserMessages());
        assertTrue(document.version().startsWith("3.0."), document.version());
    }

    @Test
    void documentsEveryResourceMethodAndNothingElse() {
        Map<String, List<OpenApiContract.Declared>> declared = declaredByTheWar();
        assertFalse(declared.isEmpty());
        assertEquals(new TreeSet<>(declared.keySet()), document.operations());
    }

    @Test
    void readsAndWritesTheMediaTypesTheResourcesDeclare() {
        List<String> wrong = new ArrayList<>();
        declaredByTheWar().forEach((operation, methods) -> {
            JsonNode documented = document.operation(operation);
            TreeSet<String> consumes = new TreeSet<>();
            TreeSet<String> produces = new TreeSet<>();
            methods.forEach(m -> {
                consumes.addAll(m.consumes());
                produces.addAll(m.produces());
            });
            TreeSet<String> requestTypes = names(documented.path("requestBody").path("content"));
            if (!consumes.equals(requestTypes)) {
                wrong.add(operation + " reads " + consumes + ", documented " + requestTypes);
            }
            documented.path("responses").properties().forEach(response -> {
                TreeSet<String> types = names(response.getValue().path("content"));
                boolean success = response.getKey().startsWith("2");
                if (success && !types.isEmpty() && !produces.containsAll(types)) {
                    wrong.add(operation + " " + response.getKey() + " writes " + produces + ", documented " + types);
                }
                if (!success
                        && !response.getValue().has("$ref")
                        && !types.equals(new TreeSet<>(List.of("application/problem+json")))) {
                    wrong.add(operation + " " + response.getKey()
                            + " is an error not documented as application/problem+json");
                }
            });
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        List<String> without = new ArrayList<>();
        for (String operation : document.operations()) {
            boolean anyError = false;
            for (var response : (Iterable<Map.Entry<String, JsonNode>>)
                    document.operation(operation).path("responses").properties()::iterator) {
                int status = Integer.parseInt(response.getKey());
                if (status >= 400) {
                    anyError = true;
                    JsonNode resolved = document.response(operation, status).orElseThrow();
                    if (!names(resolved.path("content")).equals(new TreeSet<>(List.of("application/problem+json")))) {
                        without.add(operation + " " + status);
                    }
                }
            }
            if (!anyError) {
                without.add(operation + " documents no error");
            }
        }
        assertEquals(List.of(), without);
    }

    @Test
    void itsProblemCodesAreTheApisWithTheirStatus() {
        JsonNode schemas = document.root().path("components").path("schemas");
        List<String> codes = new ArrayList<>();
        schemas.path("Problem").path("properties").path("code").path("enum").forEach(c -> codes.add(c.asText()));
        assertEquals(Arrays.stream(ProblemCode.values()).map(Enum::name).toList(), codes);
        for (ProblemCode code : ProblemCode.values()) {
            JsonNode own = schemas.path(code.name()).path("allOf").path(1).path("properties");
            assertEquals(code.status(), own.path("status").path("enum").path(0).asInt(), code.name());
            assertEquals(code.name(), own.path("code").path("enum").path(0).asText(), code.name());
        }
    }

    @Test
    void aProblemOfTheApiValidatesAgainstTheDocumentedResponse() {
        JsonObject problem = dev.rockstar.tenancy.problems.Problem.of(ProblemCode.NOT_FOUND, "no such document")
                .toJson();
        assertEquals(
                List.of(),
                document.violations("GET /api/documents/{id}", 404, "application/problem+json", problem.toString()));
        JsonObject wrongCode = dev.rockstar.tenancy.problems.Problem.of(ProblemCode.TENANT_INACTIVE, "asleep")
                .toJson();
        assertFalse(
                document.violations("GET /api/documents/{id}", 404, "application/problem+json", wrongCode.toString())
                        .isEmpty());
        assertFalse(document.violations("GET /api/documents/{id}", 405, "application/problem+json", problem.toString())
                .isEmpty());
    }

    /**
     * What the API writes as {@code null} validates. Those members carry no {@code type}: OpenAPI
     * 3.0 allows a null only through {@code nullable}, and Payara 7, which serves the document
     * converted to 3.1, writes a schema with {@code nullable} back with a member {@code all} that no
     * validator accepts (payara7's OpenApiIT, 2026-12-07).
     */
    @Test
    void membersTheApiWritesAsNullAreDocumentedSo() {
        // an entry of no tenant (an operator's sign-in, a burst of unknown hosts): tenantId is null
        String audit = "{\"items\":[{\"at\":\"2026-12-07T14:10:39.224Z\",\"event\":\"UNKNOWN_HOST_BURST\","
                + "\"actor\":\"system\",\"remoteAddress\":\"-\",\"detail\":\"2106 requests\",\"count\":1,"
                + "\"channel\":\"system\",\"tenantId\":null}]}";
        assertEquals(List.of(), document.violations("GET /api/admin/audit", 200, "application/json", audit));
        // a move under way: nothing copied yet, never read-only, not finished, no failure
        String move = "{\"id\":\"m\",\"tenantId\":\"acme\",\"from\":\"shared\",\"to\":\"eu\",\"state\":\"COPYING\","
                + "\"done\":false,\"previousStatus\":\"ACTIVE\",\"startedBy\":\"admin\","
                + "\"startedAt\":\"2026-12-07T14:10:39.224Z\",\"rowsCopied\":null,\"readOnlyMillis\":null,"
                + "\"finishedAt\":null,\"detail\":null}";
        assertEquals(
                List.of(),
                document.violations("GET /api/admin/tenants/{id}/moves/{moveId}", 200, "application/json", move));
        assertFalse(
                document.root().toString().contains("\"nullable\""),
                "no nullable: Payara 7 does not serve it back as OpenAPI allows");
    }

    @Test
    void theApplicationsYamlIsTheSameDocument() throws IOException {
        JsonObject json;
        try (var reader = JsonP.createReader(new InputStreamReader(
                getClass().getClassLoader().getResourceAsStream(OpenApiEndpoint.DOCUMENT), StandardCharsets.UTF_8))) {
            json = reader.readObject();
        }
        String yaml = OpenApiEndpoint.Yaml.of(json);
        OpenApiContract fromYaml = OpenApiContract.read(yaml);
        assertEquals(List.of(), fromYaml.parserMessages());
        assertEquals(new ObjectMapper().readTree(text), fromYaml.root());
    }

    @Test
    void answersJsonWhenAskedAsMicroProfileOpenApiDoes() {
        assertTrue(OpenApiEndpoint.wantsJson("JSON", null));
        assertTrue(OpenApiEndpoint.wantsJson(null, "application/json"));
        assertFalse(OpenApiEndpoint.wantsJson("YAML", "application/json"));
        assertFalse(OpenApiEndpoint.wantsJson(null, "*/*"));
        assertFalse(OpenApiEndpoint.wantsJson(null, null));
    }

    /** The resource classes compiled into the WAR, read from its classes directory. */
    private static Map<String, List<OpenApiContract.Declared>> declaredByTheWar() {
        if (declared == null) {
            try (Stream<java.nio.file.Path> files = Files.walk(classesRoot())) {
                List<Class<?>> resources = files.map(OpenApiDocumentTest::className)
                        .flatMap(Optional::stream)
                        .map(OpenApiDocumentTest::load)
                        .filter(c -> c.isAnnotationPresent(Path.class))
                        .collect(Collectors.toList());
                String applicationPath = TenancyApplication.class
                        .getAnnotation(ApplicationPath.class)
                        .value();
                declared = new TreeMap<>(OpenApiContract.declared(applicationPath, resources));
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return declared;
    }

    private static Map<String, List<OpenApiContract.Declared>> declared;

    private static java.nio.file.Path classesRoot() throws URISyntaxException {
        return java.nio.file.Path.of(TenancyApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private static Optional<String> className(java.nio.file.Path file) {
        String name = file.toString();
        if (!name.endsWith(".class")) {
            return Optional.empty();
        }
        try {
            String relative = classesRoot().relativize(file).toString();
            return Optional.of(relative.substring(0, relative.length() - ".class".length())
                    .replace(java.io.File.separatorChar, '.'));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
