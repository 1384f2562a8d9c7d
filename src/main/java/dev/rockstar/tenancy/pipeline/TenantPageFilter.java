package dev.rockstar.tenancy.pipeline;

import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.tenant.control.TenantResolver;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Resolution for the tenant's pages ({@code /}, rendered by Faces), which JAX-RS filters never
 * see: the same rules as {@code @TenantScoped}, and the same problem documents when they fail.
 */
@WebFilter(
        filterName = "tenant-pages",
        urlPatterns = "/index.xhtml",
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD})
public class TenantPageFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantResolver resolver;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            resolver.resolve(request);
            resolver.requireActive();
        } catch (ProblemException e) {
            e.toProblem().writeTo(response);
            return;
        }
        chain.doFilter(request, response);
    }
}
