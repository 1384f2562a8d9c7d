package dev.rockstar.tenancy.health;

import dev.rockstar.tenancy.json.JsonP;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Serves {@code /health}, {@code /health/live}, {@code /health/ready} and {@code /health/started}
 * in MicroProfile Health's JSON, only on servers without MicroProfile Health (GlassFish 7.0, or a
 * WildFly without its {@code microprofile-health-smallrye} subsystem): there the health API this
 * class sees is the WAR's own copy. Where the server has it, the server serves the same checks
 * and this registers nothing. 200 when every check is UP, else 503, as the specification has it.
 */
@WebListener
public class HealthEndpoint implements ServletContextListener {

    static final String PATH = "/health";
    private static final Logger LOG = Logger.getLogger(HealthEndpoint.class.getName());

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!serverLacksHealth()) {
            return;
        }
        LOG.info(() ->
                "The server has no MicroProfile Health: the application serves " + PATH + "/live, /ready and /started");
        event.getServletContext()
                .addServlet("tenancy-health", new Probe(checks))
                .addMapping(PATH, PATH + "/*");
    }

    /** The WAR bundles the API for servers without it; where a server has its own, its copy is the one loaded. */
    static boolean serverLacksHealth() {
        return HealthCheck.class.getClassLoader() == HealthEndpoint.class.getClassLoader();
    }

    private static final class Probe extends HttpServlet {

        private static final long serialVersionUID = 1L;
        private final transient Instance<HealthCheck> checks;

        Probe(Instance<HealthCheck> checks) {
            this.checks = checks;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String kind = request.getPathInfo() == null ? "" : request.getPathInfo();
            List<Annotation> kinds = switch (kind) {
                case "", "/" ->
                    List.of(
                            Liveness.Literal.INSTANCE,
                            Readiness.Literal.INSTANCE,
                            org.eclipse.microprofile.health.Startup.Literal.INSTANCE);
                case "/live" -> List.of(Liveness.Literal.INSTANCE);
                case "/ready" -> List.of(Readiness.Literal.INSTANCE);
                case "/started" -> List.of(org.eclipse.microprofile.health.Startup.Literal.INSTANCE);
                default -> List.of();
            };
            if (kinds.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            List<HealthCheckResponse> answers = new ArrayList<>();
            for (Annotation qualifier : kinds) {
                for (HealthCheck check : checks.select(qualifier)) {
                    answers.add(call(check));
                }
            }
            boolean up = answers.stream().allMatch(a -> a.getStatus() == HealthCheckResponse.Status.UP);
            JsonArrayBuilder array = JsonP.createArrayBuilder();
            for (HealthCheckResponse answer : answers) {
                array.add(json(answer));
            }
            response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter()
                    .write(JsonP.createObjectBuilder()
                            .add("status", up ? "UP" : "DOWN")
                            .add("checks", array)
                            .build()
                            .toString());
        }

        /** A check that throws is DOWN under its class's name, as MicroProfile Health reports it. */
        private static HealthCheckResponse call(HealthCheck check) {
            try {
                return check.call();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Health check " + check.getClass().getName() + " failed", e);
                return Checks.down(check.getClass().getName(), Map.of("error", Checks.failure(e)));
            }
        }

        private static JsonObjectBuilder json(HealthCheckResponse answer) {
            JsonObjectBuilder object = JsonP.createObjectBuilder()
                    .add("name", answer.getName())
                    .add("status", answer.getStatus().name());
            answer.getData().filter(data -> !data.isEmpty()).ifPresent(data -> {
                JsonObjectBuilder values = JsonP.createObjectBuilder();
                data.forEach((key, value) -> {
                    if (value instanceof Boolean b) {
                        values.add(key, b);
                    } else if (value instanceof Number n) {
                        values.add(key, n.longValue());
                    } else {
                        values.add(key, String.valueOf(value));
                    }
                });
                object.add("data", values);
            });
            return object;
        }
    }
}
