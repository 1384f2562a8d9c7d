package dev.rockstar.tenancy.rest;

import dev.rockstar.tenancy.json.JsonP;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Serves the API's OpenAPI document, {@code META-INF/openapi.json}, at {@code /openapi} on servers
 * without MicroProfile OpenAPI (GlassFish 7, WildFly without its {@code microprofile-openapi-smallrye}
 * subsystem). Where the server has it (Payara), {@code /openapi} is the server's, fed by the same
 * file (annotation scanning is off, {@code mp.openapi.scan.disable}), and this registers nothing:
 * one document, whichever server answers. It answers as MicroProfile OpenAPI does: YAML unless the
 * client asks for JSON ({@code Accept: application/json} or {@code ?format=JSON}).
 */
@WebListener
public class OpenApiEndpoint implements ServletContextListener {

    static final String PATH = "/openapi";
    static final String DOCUMENT = "META-INF/openapi.json";
    private static final Logger LOG = Logger.getLogger(OpenApiEndpoint.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ClassLoader loader = OpenApiEndpoint.class.getClassLoader();
        if (serverHasMicroProfileOpenApi(loader)) {
            return;
        }
        JsonObject document = read(loader);
        event.getServletContext()
                .addServlet("tenancy-openapi", new Document(document.toString(), Yaml.of(document)))
                .addMapping(PATH);
        LOG.info("MicroProfile OpenAPI is not available on this server: the API's OpenAPI document is served "
                + "by the application at " + PATH);
    }

    static boolean wantsJson(String format, String accept) {
        if (format != null) {
            return format.equalsIgnoreCase("JSON");
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
    }

    private static boolean serverHasMicroProfileOpenApi(ClassLoader loader) {
        try {
            Class.forName("org.eclipse.microprofile.openapi.OASFactory", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static JsonObject read(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the application");
            }
            try (JsonReader reader = JsonP.createReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Document extends HttpServlet {

        private final String json;
        private final String yaml;

        Document(String json, String yaml) {
            this.json = json;
            this.yaml = yaml;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            boolean asJson = wantsJson(request.getParameter("format"), request.getHeader("Accept"));
            response.setContentType(asJson ? "application/json" : "application/yaml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(asJson ? json : yaml);
        }
    }

    /**
     * JSON written as block YAML, with every string double-quoted: JSON's escapes are YAML's, so
     * no value needs a rule of its own, and the result reads as MicroProfile OpenAPI's YAML does.
     */
    static final class Yaml {

        private Yaml() {}

        static String of(JsonStructure value) {
            StringBuilder out = new StringBuilder();
            write(value, "", out);
            return out.toString();
        }

        private static void write(JsonValue value, String indent, StringBuilder out) {
            if (value instanceof JsonObject object) {
                for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                    out.append(indent)
                            .append(JsonP.createValue(member.getKey()))
                            .append(':');
                    nested(member.getValue(), indent, out);
                }
            } else if (value instanceof JsonArray array) {
                for (JsonValue item : array) {
                    out.append(indent).append('-');
                    nested(item, indent, out);
                }
            }
        }

        private static void nested(JsonValue value, String indent, StringBuilder out) {
            boolean empty = value instanceof JsonObject o && o.isEmpty() || value instanceof JsonArray a && a.isEmpty();
            if (value instanceof JsonStructure structure && !empty) {
                out.append('\n');
                write(structure, indent + "  ", out);
            } else {
                out.append(' ').append(value).append('\n');
            }
        }
    }
}
