package dev.rockstar.tenancy.logging;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
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
 *
 * <p>It also gives each request its id, when the request enters the application: before the
 * authentication mechanism, which runs ahead of every filter and may answer a problem document
 * itself; and takes the request's tags off the thread when the request is done, after the error
 * page. {@link RequestIdFilter} answers the id in a header.
 */
@WebListener
public class LogEnrichment implements ServletContextListener, ServletRequestListener {

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

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        String id = RequestIdFilter.newId();
        event.getServletRequest().setAttribute(RequestIdFilter.ATTRIBUTE, id);
        LogTags.request(id);
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        Object id = event.getServletRequest().getAttribute(RequestIdFilter.ATTRIBUTE);
        if (id != null && id.equals(LogTags.requestId())) {
            LogTags.restore(null);
        }
    }
}
