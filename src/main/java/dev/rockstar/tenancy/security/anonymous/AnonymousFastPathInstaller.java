package dev.rockstar.tenancy.security.anonymous;

import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Puts {@link AnonymousFastPath} in front of the application's Jakarta Security registration.
 * Servers register Jakarta Security from a container initializer, which runs before any listener;
 * registering again for the same layer and application context replaces the provider under the
 * same registration, so undeploying removes both.
 */
@WebListener
public class AnonymousFastPathInstaller implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(AnonymousFastPathInstaller.class.getName());

    static final String LAYER = "HttpServlet";

    /** The application context every server names a web application's registration by. */
    private static String appContext(ServletContext context) {
        return context.getVirtualServerName() + " " + context.getContextPath();
    }

    /** Whether this application's requests pass {@link AnonymousFastPath} first. */
    public static boolean installed(ServletContext context) {
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        return factory != null
                && factory.getConfigProvider(LAYER, appContext(context), null) instanceof AnonymousFastPath;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        String appContext = appContext(context);
        AuthConfigProvider registered = factory == null ? null : factory.getConfigProvider(LAYER, appContext, null);
        if (registered instanceof AnonymousFastPath) {
            return;
        }
        if (registered == null) {
            LOG.warning(() -> "No Jakarta Security registration for " + appContext
                    + " to put the anonymous fast path in front of: every request goes through the server's");
            return;
        }
        factory.registerConfigProvider(
                new AnonymousFastPath(registered),
                LAYER,
                appContext,
                "Requests that authenticate nobody are answered before the Jakarta Security bridge");
        LOG.info(() -> "Requests that authenticate nobody skip the Jakarta Security bridge (" + appContext + ")");
    }
}
