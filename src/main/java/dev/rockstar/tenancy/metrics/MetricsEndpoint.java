package dev.rockstar.tenancy.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the application's own registry at {@code /metrics}, only on servers without
 * MicroProfile Metrics: where the server has it (Payara), {@code /metrics} is the server's and
 * this registers nothing. Registered at start rather than declared, because whether it exists
 * depends on the server.
 */
@WebListener
public class MetricsEndpoint implements ServletContextListener {

    static final String PATH = "/metrics";

    @Inject
    TenantMetrics metrics;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        metrics.ownRegistry()
                .ifPresent(registry -> event.getServletContext()
                        .addServlet("tenancy-metrics", new Scrape(registry))
                        .addMapping(PATH));
    }

    private static final class Scrape extends HttpServlet {

        private final transient PrometheusRegistry registry;

        Scrape(PrometheusRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType(PrometheusRegistry.CONTENT_TYPE);
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write(registry.scrape());
        }
    }
}
