package dev.rockstar.tenancy.logging;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Puts the tags of {@link LogTags} on the server's log records from deployment to undeployment.
 * Under JBoss LogManager (WildFly) they go into its MDC, which the server's pattern prints
 * ({@code %X{tenancy}}, docs/DEPLOYMENT.md); elsewhere a {@link TaggingHandler} goes in front of
 * the root logger's handlers and comes out again on undeployment, so that a server that deploys
 * this WAR many times keeps no handler of an earlier one. Several of these WARs at once each
 * have their own handler, which tags only its own requests' records.
 */
@WebListener
public class LogEnrichment implements ServletContextListener {

    private static final Logger ROOT = Logger.getLogger("");

    private final TaggingHandler handler = new TaggingHandler();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Optional<DiagnosticContext> mdc = DiagnosticContext.ofLogManager();
        if (mdc.isPresent()) {
            LogTags.useContext(mdc.get());
            return;
        }
        // The handlers run in the order they were added: the server's come out and go back in
        // behind this one. Another deployment doing the same at this moment waits.
        synchronized (ROOT) {
            Handler[] server = ROOT.getHandlers();
            for (Handler h : server) {
                ROOT.removeHandler(h);
            }
            ROOT.addHandler(handler);
            for (Handler h : server) {
                ROOT.addHandler(h);
            }
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        synchronized (ROOT) {
            ROOT.removeHandler(handler);
        }
        LogTags.useContext(DiagnosticContext.NONE);
    }
}
