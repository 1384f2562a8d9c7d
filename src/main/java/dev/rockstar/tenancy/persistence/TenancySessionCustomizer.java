package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.querylog.StatementEvents;
import java.util.logging.Logger;
import org.eclipse.persistence.platform.server.NoServerPlatform;
import org.eclipse.persistence.platform.server.wildfly.WildFlyPlatform;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Fits the persistence unit to the server it runs on, so that one WAR deploys unchanged:
 * <ul>
 * <li>the datasource named by {@code tenancy.datasource} (a {@code persistence.xml} can name only
 * one, fixed at build time);</li>
 * <li>on WildFly, EclipseLink's WildFly platform. EclipseLink recognises Payara/GlassFish,
 * WebLogic and WebSphere by itself but not WildFly, and without a platform it cannot join the
 * server's JTA transactions. Setting {@code eclipselink.target-server} would tie the WAR to one
 * server; this looks at the server instead. An operator's own target-server setting wins.</li>
 * <li>a short retry when the database fails a query: EclipseLink by default retries a read that
 * failed for want of a connection three times, five seconds apart, which holds a request for
 * fifteen seconds beyond the pool's own wait when the database is down. Twice, half a second
 * apart, still replaces a connection that broke in the pool, and answers 503 in time.</li>
 * <li>on PostgreSQL, the tenant on every connection for the row-level security policies
 * ({@link RowLevelSecurity}).</li>
 * <li>no write of a read-only tenant's rows ({@link ReadOnlyGuard}).</li>
 * <li>every statement of a tenant timed for its metrics and its query log ({@link StatementEvents}).</li>
 * </ul>
 */
public class TenancySessionCustomizer implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(TenancySessionCustomizer.class.getName());
    static final int QUERY_RETRIES = 2;
    static final int RETRY_DELAY_MILLIS = 500;

    @Override
    public void customize(Session session) {
        choosePlatform(session);
        chooseDataSource(session);
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(QUERY_RETRIES);
            login.setDelayBetweenConnectionAttempts(RETRY_DELAY_MILLIS);
        }
        // First: a refused write leaves no tenant setting behind on the connection.
        session.getEventManager().addListener(new ReadOnlyGuard());
        session.getEventManager().addListener(new RowLevelSecurity());
        // Last: it times the statement itself, and sees only what the others let through.
        session.getEventManager().addListener(new StatementEvents());
    }

    private static void choosePlatform(Session session) {
        if (session instanceof DatabaseSession database
                && database.getServerPlatform() instanceof NoServerPlatform
                && runsOnWildFly()) {
            database.setServerPlatform(new WildFlyPlatform(database));
            LOG.info("Persistence unit uses EclipseLink's WildFly platform for JTA");
        }
    }

    /** WildFly's launcher sets these for every server it starts, standalone or domain. */
    static boolean runsOnWildFly() {
        return System.getProperty("jboss.home.dir") != null && System.getProperty("jboss.server.base.dir") != null;
    }

    private static void chooseDataSource(Session session) {
        if (TenancyDataSource.isDefault()) {
            return;
        }
        String name = TenancyDataSource.jndiName();
        DatabaseLogin login = (DatabaseLogin) session.getDatasourceLogin();
        login.setConnector(new JNDIConnector(name));
        if (session instanceof ServerSession server
                && server.getReadConnectionPool().getLogin() instanceof DatabaseLogin read) {
            // Reads outside a transaction use the same datasource, outside any transaction.
            read.setConnector(new JNDIConnector(name));
        }
        LOG.info(() -> "Persistence unit uses the datasource " + name);
    }
}
