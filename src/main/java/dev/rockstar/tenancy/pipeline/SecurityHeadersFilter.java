package dev.rockstar.tenancy.pipeline;

import dev.rockstar.tenancy.security.ConsoleSignIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response of the application. The content security policy allows
 * what the tenant pages use (inline styles, a logo from any web address) and nothing else: no
 * scripts, no framing, no foreign form targets. The admin console's pages get a stricter one:
 * only the WAR's own stylesheet, no inline style, no script at all (its chart is SVG drawn on the
 * server), no image from elsewhere; and they are never stored by a browser or proxy.
 */
@WebFilter(filterName = "security-headers", urlPatterns = "/*")
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; "
                    + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    static final String CONSOLE_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (ConsoleSignIn.isConsole(request)) {
            response.setHeader("Content-Security-Policy", CONSOLE_SECURITY_POLICY);
            response.setHeader("Cache-Control", "no-store");
            // Under no-referrer a browser sends "Origin: null" with the console's own form posts,
            // and the console refuses posts of any other origin than its own.
            response.setHeader("Referrer-Policy", "same-origin");
        } else {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }
}
