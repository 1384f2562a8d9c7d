package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.tenant.control.TenantResolver;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Marks the session cookie {@code Secure} when the browser reached us over HTTPS through a
 * TLS-terminating proxy ({@code tenancy.session.cookie-secure=auto}, the default): the request
 * comes from a trusted proxy ({@code tenancy.forwarded-host.trusted-proxies}) whose
 * {@code X-Forwarded-Proto} is {@code https}, or is HTTPS itself. The servlet container knows
 * only the plain connection from the proxy, so it would send the cookie without {@code Secure};
 * {@code always} is {@link SessionCookiePolicy}'s, for every request.
 *
 * <p>Servlet has no per-request session cookie setting, and containers write the cookie
 * themselves when a session is created or its id changes. So this wraps the request, and right
 * after such a call adds {@code Secure} to the cookie the container has just put in the response:
 * a {@code Set-Cookie} header on Payara and GlassFish, a response cookie of Undertow's exchange on
 * WildFly (reached by reflection, as the WAR does not compile against Undertow).
 */
@WebFilter(filterName = "secure-session-cookie", urlPatterns = "/*", asyncSupported = true)
public class SecureSessionCookie extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SecureSessionCookie.class.getName());
    private static final String SET_COOKIE = "Set-Cookie";

    @Inject
    @ConfigProperty(name = SessionCookiePolicy.KEY, defaultValue = "auto")
    String mode;

    @Inject
    TenantResolver resolver;

    private boolean auto;

    @Override
    public void init() {
        auto = "auto".equals(mode.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean mark = auto && cameOverTls(request);
        chain.doFilter(mark ? new MarkingRequest(request, response) : request, response);
    }

    /** HTTPS to us, or to the trusted proxy that connected to us, as it says itself. */
    boolean cameOverTls(HttpServletRequest request) {
        return cameOverTls(request, resolver);
    }

    /** The same decision for the application's other cookies ({@link SignInFormTokens}, {@link DeviceCookies}). */
    static boolean cameOverTls(HttpServletRequest request, TenantResolver resolver) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto == null || proto.isBlank() || !resolver.isTrustedProxy(request.getRemoteAddr())) {
            return false;
        }
        // Like X-Forwarded-Host: the value the connecting proxy added is the last one.
        int comma = proto.lastIndexOf(',');
        return "https".equalsIgnoreCase((comma < 0 ? proto : proto.substring(comma + 1)).strip());
    }

    private static final class MarkingRequest extends HttpServletRequestWrapper {

        private final HttpServletResponse response;

        MarkingRequest(HttpServletRequest request, HttpServletResponse response) {
            super(request);
            this.response = response;
        }

        @Override
        public HttpSession getSession(boolean create) {
            HttpSession session = super.getSession(create);
            if (session != null && isNew(session)) {
                markSecure(
                        response, getServletContext().getSessionCookieConfig().getName());
            }
            return session;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public String changeSessionId() {
            String id = super.changeSessionId();
            markSecure(response, getServletContext().getSessionCookieConfig().getName());
            return id;
        }

        private static boolean isNew(HttpSession session) {
            try {
                return session.isNew();
            } catch (IllegalStateException invalidated) {
                return false;
            }
        }
    }

    static void markSecure(HttpServletResponse response, String configuredName) {
        if (response.isCommitted()) {
            return;
        }
        String name = configuredName == null || configuredName.isBlank() ? "JSESSIONID" : configuredName;
        if (!markHeader(response, name)) {
            markUndertowCookie(response, name);
        }
    }

    /** Payara, GlassFish: the container's cookie is a header already. */
    private static boolean markHeader(HttpServletResponse response, String name) {
        List<String> cookies = new ArrayList<>(response.getHeaders(SET_COOKIE));
        boolean found = false;
        for (int i = 0; i < cookies.size(); i++) {
            String cookie = cookies.get(i);
            if (cookie.startsWith(name + "=")) {
                found = true;
                if (!hasSecure(cookie)) {
                    cookies.set(i, cookie + "; Secure");
                }
            }
        }
        if (found) {
            response.setHeader(SET_COOKIE, cookies.get(0));
            for (String cookie : cookies.subList(1, cookies.size())) {
                response.addHeader(SET_COOKIE, cookie);
            }
        }
        return found;
    }

    private static boolean hasSecure(String cookie) {
        for (String attribute : cookie.split(";")) {
            if (attribute.strip().equalsIgnoreCase("Secure")) {
                return true;
            }
        }
        return false;
    }

    /** WildFly: the cookie waits in Undertow's exchange until the response is written. */
    private static void markUndertowCookie(HttpServletResponse response, String name) {
        ServletResponse inner = response;
        while (inner instanceof ServletResponseWrapper wrapper) {
            inner = wrapper.getResponse();
        }
        try {
            Method exchangeOf = inner.getClass().getMethod("getExchange");
            Object exchange = exchangeOf.invoke(inner);
            for (Object cookie : cookiesOf(exchange)) {
                if (name.equals(cookie.getClass().getMethod("getName").invoke(cookie))) {
                    cookie.getClass().getMethod("setSecure", boolean.class).invoke(cookie, true);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not mark the session cookie Secure on this server ("
                            + inner.getClass().getName() + "); set " + SessionCookiePolicy.KEY
                            + "=always behind a TLS proxy",
                    e);
        }
    }

    private static Iterable<?> cookiesOf(Object exchange) throws ReflectiveOperationException {
        try {
            return (Iterable<?>)
                    exchange.getClass().getMethod("responseCookies").invoke(exchange);
        } catch (NoSuchMethodException olderUndertow) {
            return ((Map<?, ?>)
                            exchange.getClass().getMethod("getResponseCookies").invoke(exchange))
                    .values();
        }
    }
}
