package dev.rockstar.tenancy.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;

/**
 * Serves the application's own registry at {@code /metrics}, {@code /metrics?scope=application}
 * and {@code /metrics/application} on every server. A filter rather than a servlet, because on
 * Payara those paths belong to the server's MicroProfile Metrics servlet, which Payara adds to
 * this WAR: the filter answers for the application's scope, and the server's other scopes
 * ({@code ?scope=base}, {@code /metrics/vendor}, …) pass on to it. Payara's unscoped
 * {@code /metrics} writes its base and vendor metrics once more per deployed application, the
 * same series twice, which no Prometheus parser accepts; here it is the application's series
 * alone. The security constraint on {@code /metrics} applies before any filter.
 */
@WebListener
public class MetricsEndpoint implements ServletContextListener {

    static final String PATH = "/metrics";
    private static final String APPLICATION = "application";

    @Inject
    TenantMetrics metrics;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext()
                .addFilter("tenancy-metrics", new Scrape(metrics.ownRegistry()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, PATH, PATH + "/*");
    }

    /** Whether a request to this path and {@code scope} parameter asks for the application's metrics. */
    static boolean isApplicationScope(String path, String scope) {
        if (PATH.equals(path) || (PATH + "/").equals(path)) {
            return scope == null || scope.isEmpty() || APPLICATION.equals(scope);
        }
        return (PATH + "/" + APPLICATION).equals(path) || (PATH + "/" + APPLICATION + "/").equals(path);
    }

    private static final class Scrape extends HttpFilter {

        private final transient PrometheusRegistry registry;

        Scrape(PrometheusRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            if (!"GET".equals(request.getMethod()) || !isApplicationScope(path, request.getParameter("scope"))) {
                chain.doFilter(request, response);
                return;
            }
            response.setContentType(PrometheusRegistry.CONTENT_TYPE);
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write(registry.scrape());
        }
    }
}
