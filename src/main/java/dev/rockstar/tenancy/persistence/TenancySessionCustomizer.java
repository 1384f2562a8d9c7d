package dev.rockstar.tenancy.persistence;

import java.util.logging.Logger;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Points the persistence unit at the datasource named by {@code tenancy.datasource}, so that one
 * WAR runs on the embedded default or on PostgreSQL by configuration alone: a
 * {@code persistence.xml} can only name one datasource, fixed at build time.
 */
public class TenancySessionCustomizer implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(TenancySessionCustomizer.class.getName());

    @Override
    public void customize(Session session) {
        if (TenancyDataSource.isDefault()) {
            return;
        }
        String name = TenancyDataSource.jndiName();
        DatabaseLogin login = (DatabaseLogin) session.getDatasourceLogin();
        login.setConnector(new JNDIConnector(name));
        if (session instanceof ServerSession server && server.getReadConnectionPool().getLogin() instanceof DatabaseLogin read) {
            // Reads outside a transaction use the same datasource, outside any transaction.
            read.setConnector(new JNDIConnector(name));
        }
        LOG.info(() -> "Persistence unit uses the datasource " + name);
    }
}
