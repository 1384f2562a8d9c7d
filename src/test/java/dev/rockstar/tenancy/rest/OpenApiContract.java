package dev.rockstar.tenancy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An OpenAPI document read by real validators: swagger-parser for the document itself, networknt's
 * JSON Schema validator (its OpenAPI 3.0 or 3.1 dialect, as the document's version says) for
 * responses against the document's schemas. Also what the WAR's JAX-RS resources declare, so that
 * a test can hold the document and the code to each other.
 */
final class OpenApiContract {

    private static final String BASE = "https://rockstar-tenancy.test/openapi.json";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode root;
    private final List<String> parserMessages;
    private final SchemaRegistry schemas;

    private OpenApiContract(JsonNode root, List<String> parserMessages) {
        this.root = root;
        this.parserMessages = parserMessages;
        this.schemas = SchemaRegistry.withDefaultDialect(
                version().startsWith("3.1") ? Dialects.getOpenApi31() : Dialects.getOpenApi30(),
                builder -> builder.schemas(Map.of(BASE, root.toString())));
    }

    /** The document in JSON or YAML (YAML's reader reads both). */
    static OpenApiContract read(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            messages.add("swagger-parser read no OpenAPI document");
        }
        try {
            return new OpenApiContract(YAML.readTree(text), messages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This document without one of its top-level members, read again. */
    OpenApiContract without(String member) {
        ObjectNode copy = root.deepCopy();
        copy.remove(member);
        return read(copy.toString());
    }

    /** What swagger-parser found wrong with the document: empty for a valid one. */
    List<String> parserMessages() {
        return parserMessages;
    }

    String version() {
        return root.path("openapi").asText();
    }

    JsonNode root() {
        return root;
    }

    /** Every documented operation, as {@code "GET /api/documents/{id}"}. */
    TreeSet<String> operations() {
        TreeSet<String> operations = new TreeSet<>();
        root.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(item -> {
                    if (HTTP_METHODS.contains(item.getKey())) {
                        operations.add(item.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return operations;
    }

    JsonNode operation(String operation) {
        String[] parts = operation.split(" ", 2);
        return root.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
    }

    /** The response documented for {@code status}, its {@code $ref} followed; empty when none is. */
    Optional<JsonNode> response(String operation, int status) {
        JsonNode responses = operation(operation).path("responses");
        JsonNode response = responses.has(String.valueOf(status))
                ? responses.get(String.valueOf(status))
                : responses.path("default");
        return response.isMissingNode() ? Optional.empty() : Optional.of(resolve(response));
    }

    /**
     * What is wrong with a real reply to {@code operation} by this document: an undocumented status,
     * an undocumented media type, or a body that its schema refuses. Empty for a reply that matches.
     */
    List<String> violations(String operation, int status, String contentType, String body) {
        Optional<JsonNode> response = response(operation, status);
        if (response.isEmpty()) {
            return List.of(operation + ": status " + status + " is not documented (" + body + ")");
        }
        JsonNode content = response.get().path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.isEmpty()
                    ? List.of()
                    : List.of(operation + " " + status + ": a body where the document says none: " + body);
        }
        String type =
                contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(type)) {
            return List.of(operation + " " + status + ": media type " + type + " is not documented, only "
                    + fieldNames(content));
        }
        if (!type.endsWith("json")) {
            return List.of();
        }
        Schema schema = schemas.getSchema(absolute(content.get(type).path("schema")));
        try {
            return schema.validate(YAML.readTree(body)).stream()
                    .map(error -> operation + " " + status + ": " + error + " in " + body)
                    .toList();
        } catch (IOException e) {
            return List.of(operation + " " + status + ": not JSON: " + body);
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        return resolve(root.at(ref.asText().substring(1)));
    }

    /** A schema of the document with its references made absolute, so that the registry finds them. */
    private static JsonNode absolute(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        absoluteInPlace(copy);
        return copy;
    }

    private static void absoluteInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                object.set("$ref", new TextNode(BASE + ref.asText()));
            }
        }
        node.forEach(OpenApiContract::absoluteInPlace);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static final List<String> HTTP_METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** What the resources of the WAR declare: each resource method, with what it reads and writes. */
    record Declared(String operation, List<String> consumes, List<String> produces) {}

    /** Every JAX-RS resource method under the application's path, by operation. */
    static Map<String, List<Declared>> declared(String applicationPath, Iterable<Class<?>> resources) {
        Map<String, List<Declared>> declared = new TreeMap<>();
        for (Class<?> resource : resources) {
            Path classPath = resource.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String path = join(applicationPath, classPath.value(), methodPath == null ? "" : methodPath.value())
                        .replaceAll("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}", "{$1}"); // {id: [0-9]+} is {id}
                String operation = httpMethod + " " + path;
                declared.computeIfAbsent(operation, o -> new ArrayList<>())
                        .add(new Declared(
                                operation,
                                mediaTypes(
                                        method.getAnnotation(Consumes.class), resource.getAnnotation(Consumes.class)),
                                mediaTypes(
                                        method.getAnnotation(Produces.class), resource.getAnnotation(Produces.class))));
            }
        }
        return declared;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static List<String> mediaTypes(Annotation onMethod, Annotation onClass) {
        Annotation declared = onMethod != null ? onMethod : onClass;
        if (declared == null) {
            return List.of();
        }
        String[] values = declared instanceof Consumes c ? c.value() : ((Produces) declared).value();
        List<String> types = new ArrayList<>();
        for (String value : values) {
            for (String type : value.split(",")) {
                types.add(type.trim());
            }
        }
        return types;
    }

    private static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            for (Iterator<String> segments = List.of(part.split("/")).iterator(); segments.hasNext(); ) {
                String segment = segments.next();
                if (!segment.isEmpty()) {
                    path.append('/').append(segment);
                }
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }
}
