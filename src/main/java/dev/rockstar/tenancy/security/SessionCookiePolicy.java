package dev.rockstar.tenancy.security;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session cookie: {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure} as
 * {@value #KEY} says: {@code auto} (the default) when the request came over HTTPS, directly or
 * through a trusted TLS-terminating proxy ({@link SecureSessionCookie}); {@code always} on every
 * response (a deployment reached over HTTPS only); {@code never} adds nothing (the container may
 * still mark it on a direct HTTPS connection). Set here as well as in {@code web.xml}: some
 * containers honour only the programmatic form of Servlet 6 attributes.
 */
@WebListener
public class SessionCookiePolicy implements ServletContextListener {

    static final String KEY = "tenancy.session.cookie-secure";
    private static final Set<String> MODES = Set.of("auto", "always", "never");

    @Inject
    @ConfigProperty(name = KEY, defaultValue = "auto")
    String mode;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String secure = mode.strip().toLowerCase(Locale.ROOT);
        if (!MODES.contains(secure)) {
            throw new IllegalStateException(KEY + " must be auto, always or never, not '" + mode + "'");
        }
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        if (secure.equals("always")) {
            cookie.setSecure(true);
        }
    }
}
