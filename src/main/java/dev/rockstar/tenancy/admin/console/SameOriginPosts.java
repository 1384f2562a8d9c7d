package dev.rockstar.tenancy.admin.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a console POST that a browser says came from another origin, before Faces reads it.
 * The view state already makes a forged form fail (the forger cannot read it); this makes the
 * refusal independent of that, and of the session cookie's {@code SameSite}. Browsers send
 * {@code Origin} with every form POST; a client that sends none still needs the view state, or on
 * the stateless sign-in page the form's token ({@code security.SignInFormTokens}).
 */
@WebFilter(filterName = "console-same-origin-posts", urlPatterns = "/admin/*")
public class SameOriginPosts extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if ("POST".equals(request.getMethod()) && origin != null && !sameOrigin(origin, request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (!"POST".equals(request.getMethod()) && request.getParameter("jakarta.faces.ViewState") != null) {
            // Faces would run a form's action on a GET that carries its view state: a link could
            // then change something. Every change is a POST, so such a GET is refused.
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The page the browser was on had the host (and port) this request went to. The scheme is not
     * compared: behind a proxy that ends TLS the server sees http where the browser saw https.
     */
    static boolean sameOrigin(String origin, HttpServletRequest request) {
        String host = request.getHeader("Host");
        int schemeEnd = origin.indexOf("://");
        return host != null && schemeEnd > 0 && origin.substring(schemeEnd + 3).equalsIgnoreCase(host);
    }
}
