package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.TenantDiscriminator;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.internal.databaseaccess.DatabaseAccessor;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.queries.Call;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * The database's own wall behind EclipseLink's tenant filter, on PostgreSQL: before a tenant's
 * statement runs, its connection carries the tenant in the setting {@value #TENANT_SETTING}, which
 * the row-level security policies of the tenant-owned tables compare with {@code tenant_id}
 * ({@link RowLevelSecurityPolicies}). A statement with no tenant sees no tenant-owned row.
 *
 * <p>The tenant is the one of the {@code EntityManager} that issues the statement (its
 * {@code tenancy.tenant-id} property), not the request's: an operator's {@code EntityManager} for
 * tenant B inside a request works on B's rows, and two tenants' statements interleaved in one
 * transaction each run under their own tenant.
 * <ul>
 * <li>In a transaction, the setting is transaction-local ({@code set_config(…, true)}) and dies with
 * it; it is set once per transaction and tenant (remembered in the transaction's registry), again
 * only when another tenant's statement came in between.</li>
 * <li>Outside a transaction (EclipseLink's reads on an autocommit connection that it takes from the
 * pool for one statement), a local setting would die before the statement: the setting is made for
 * the session when EclipseLink acquires the connection and cleared before it hands it back, so a
 * pooled connection never carries a tenant to its next user.</li>
 * </ul>
 * On other databases (H2) there is no such setting.
 *
 * <p>Where schema placements are declared ({@link Placements}), the same moments also route the
 * connection to the schema of the tenant's placement: on PostgreSQL its search path, set with the
 * tenant (the placement's schema, then the search path the role had, where the registry and the
 * other global tables stay); on H2, which has no transaction-local schema, the connection's schema
 * and search path, set back to the main schema when EclipseLink releases the connection, before
 * the pool has it back. EclipseLink's SQL names tables without a schema,
 * so the same statements reach whichever placement the tenant is in.
 */
final class RowLevelSecurity extends SessionEventAdapter {

    /** The PostgreSQL setting the policies read: the tenant whose rows a statement may see. */
    static final String TENANT_SETTING = "tenancy.tenant_id";

    private static final Logger LOG = Logger.getLogger(RowLevelSecurity.class.getName());
    private static final String SET = "select set_config(?, ?, ?)";
    private static final String SET_WITH_PATH = "select set_config(?, ?, ?), set_config('search_path', ?, ?)";
    /** What {@code pg_stat_activity} shows of a connection at work for a tenant: this and the tenant's id. */
    static final String APPLICATION_NAME_PREFIX = "tenancy:";

    private static final String TRANSACTION_KEY = RowLevelSecurity.class.getName();
    /**
     * Where a statement about to run goes: its tenant and the schema its connection is switched to
     * (quoted; {@code null}: none, the connection stays as it is).
     */
    private record Routed(String tenant, String schema) {}

    /**
     * The statement about to run, for EclipseLink's read connections acquired for it: decided once,
     * so that the check of its EntityManager's database and its schema come from one look at the
     * tenant's placement, which a move may switch between two looks.
     */
    private static final ThreadLocal<Routed> STATEMENT = new ThreadLocal<>();

    /** Autocommit connections that carry a session-level tenant, cleared when they are released. */
    private final Set<Connection> carryingTenant =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /**
     * H2 connections switched to a schema placement's schema, which outlives a transaction there:
     * set back to the main schema when EclipseLink releases them, before the pool has them back,
     * whether their transaction goes on, commits or rolls back. Left in the placement's schema,
     * a connection would take the next untenanted statement there, and in a server that keeps its
     * pool across deployments, the next deployment's migrations.
     */
    private final Set<Connection> inPlacementSchema =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private volatile TransactionSynchronizationRegistry transactions;

    private final PlacementRouting routing = new PlacementRouting();

    @Override
    public void preExecuteCall(SessionEvent event) {
        if (!applies(event.getSession())) {
            return;
        }
        DatabaseQuery query = queryOf(event.getCall());
        String tenant = query == null || query.getSession() == null ? null : tenantOf(query.getSession());
        if (tenant == null) {
            STATEMENT.remove();
            return;
        }
        Routed statement = routed(tenant, query.getSession());
        STATEMENT.set(statement);
        // A connection held by a transaction is connected already; a read connection of the pool
        // is connected only now, and postAcquireConnection sets the tenant there.
        if (query.getAccessors() != null) {
            for (Accessor accessor : query.getAccessors()) {
                if (accessor instanceof DatabaseAccessor database && database.getDatasourceConnection() != null) {
                    apply(database.getConnection(), statement, isPostgres(event.getSession()));
                }
            }
        }
    }

    @Override
    public void postExecuteCall(SessionEvent event) {
        STATEMENT.remove();
    }

    @Override
    public void postAcquireConnection(SessionEvent event) {
        if (!applies(event.getSession()) || !(event.getResult() instanceof DatabaseAccessor accessor)) {
            return;
        }
        if (accessor.getDatasourceConnection() == null) {
            return;
        }
        String ofSession = tenantOf(event.getSession());
        Routed statement = STATEMENT.get();
        if (ofSession != null && (statement == null || !ofSession.equals(statement.tenant()))) {
            statement = routed(ofSession, event.getSession()); // acquired for the session, not for a statement
        }
        if (statement != null) {
            apply(accessor.getConnection(), statement, isPostgres(event.getSession()));
        }
    }

    @Override
    public void preReleaseConnection(SessionEvent event) {
        if (event.getResult() instanceof DatabaseAccessor accessor && accessor.getDatasourceConnection() != null) {
            Connection connection = accessor.getConnection();
            if (inPlacementSchema.remove(connection)) {
                mainSchemaAgain(connection);
            }
            if (carryingTenant.remove(connection)) {
                try {
                    clear(connection);
                } catch (SQLException e) {
                    // Failing here would keep EclipseLink from handing the connection back at all;
                    // a connection that cannot run this statement is broken, and the pool drops it.
                    LOG.log(Level.WARNING, "Could not clear the tenant of a connection before releasing it", e);
                }
            }
        }
    }

    private void mainSchemaAgain(Connection connection) {
        try {
            H2Schema.reset(connection, routing.mainSchema());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not set a connection back to the main schema before releasing it", e);
        }
    }

    /**
     * The tenant's statement as its placement routes it now, one look at that placement; refused
     * when the session's EntityManager was opened on another database than the placement's.
     */
    private Routed routed(String tenant, Session session) {
        if (!routing.active()) {
            return new Routed(tenant, null);
        }
        Object route = session.getProperty(TenantEntityManagers.ROUTED_PLACEMENT);
        return new Routed(tenant, routing.schemaToSwitchTo(tenant, route == null ? null : route.toString()));
    }

    /** @param postgres the session's platform: no metadata call on the connection per statement */
    private void apply(Connection connection, Routed statement, boolean postgres) {
        String tenant = statement.tenant();
        String schema = statement.schema();
        try {
            if (!postgres) {
                route(connection, schema);
                return;
            }
            name(connection, tenant);
            if (connection.getAutoCommit()) {
                setTenant(connection, tenant, schema, false);
                carryingTenant.add(connection);
                return;
            }
            TransactionSynchronizationRegistry registry = transactions();
            boolean inTransaction = registry != null && registry.getTransactionStatus() == Status.STATUS_ACTIVE;
            String applied = schema == null ? tenant : tenant + " in " + schema;
            if (inTransaction && applied.equals(registry.getResource(TRANSACTION_KEY))) {
                return;
            }
            setTenant(connection, tenant, schema, true);
            if (inTransaction) {
                registry.putResource(TRANSACTION_KEY, applied);
            }
        } catch (SQLException e) {
            throw DatabaseException.sqlException(e);
        }
    }

    /**
     * H2: the connection in the schema of the tenant's placement, switched only when it is in
     * another, since H2 empties the connection's cache of parsed statements at every switch. The
     * connection is asked which schema it is in (H2 answers from its session, with no statement):
     * a handle of a transaction's connection, or one the pool hands out, may be in any.
     *
     * @param schema quoted; {@code null} for a database placement, whose pool is its own
     */
    private void route(Connection connection, String schema) throws SQLException {
        if (schema == null || schema.equals(Placements.quoted(connection.getSchema()))) {
            return;
        }
        if (schema.equals(Placements.quoted(routing.mainSchema()))) {
            H2Schema.reset(connection, routing.mainSchema());
            inPlacementSchema.remove(connection);
        } else {
            H2Schema.set(connection, schema, routing.mainSchema());
            inPlacementSchema.add(connection);
        }
    }

    /**
     * PostgreSQL: the tenant's setting and, with placements, its search path, in one statement,
     * for the transaction ({@code local}) or the session.
     */
    private void setTenant(Connection connection, String tenant, String schema, boolean local) throws SQLException {
        if (schema == null) {
            set(connection, TENANT_SETTING, tenant, local);
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(SET_WITH_PATH)) {
            statement.setString(1, TENANT_SETTING);
            statement.setString(2, tenant);
            statement.setBoolean(3, local);
            statement.setString(4, routing.searchPath(schema));
            statement.setBoolean(5, local);
            statement.execute();
        }
    }

    /**
     * The tenant as the connection's application name, so that {@code pg_stat_activity} shows whose
     * statements a connection runs. Through the driver, which sends it only when it changes; on
     * every statement, because pools set a connection's client information back when its handle
     * is closed (Payara and GlassFish do), as EclipseLink does between statements of a transaction.
     */
    private static void name(Connection connection, String tenant) {
        try {
            connection.setClientInfo("ApplicationName", APPLICATION_NAME_PREFIX + tenant);
        } catch (SQLClientInfoException e) {
            LOG.log(Level.FINE, "Could not name the connection for tenant " + tenant, e);
        }
    }

    /** Takes a session-level tenant (and search path) off a PostgreSQL autocommit connection before the pool has it back. */
    private void clear(Connection connection) throws SQLException {
        set(connection, TENANT_SETTING, "", false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("reset application_name");
        }
        if (routing.active()) {
            try (PreparedStatement statement = connection.prepareStatement(SET)) {
                statement.setString(1, "search_path");
                statement.setString(2, routing.searchPath(null));
                statement.setBoolean(3, false);
                statement.execute();
            }
        }
    }

    /**
     * For the framework's own JDBC on one tenant's rows inside a JTA transaction (a restore): sets
     * the tenant for the rest of the transaction and records it as the memory of
     * {@link #apply} does, so that a later EclipseLink statement of another tenant in the same
     * transaction sets its own again rather than trusting a stale entry.
     */
    static void applyInTransaction(Connection connection, String tenant, TransactionSynchronizationRegistry registry)
            throws SQLException {
        if (!Postgres.is(connection)) {
            return;
        }
        set(connection, TENANT_SETTING, tenant, true);
        if (registry != null && registry.getTransactionStatus() == Status.STATUS_ACTIVE) {
            registry.putResource(TRANSACTION_KEY, tenant);
        }
    }

    /** {@code set_config(name, value, isLocal)}: local settings end with the transaction. */
    static void set(Connection connection, String name, String value, boolean local) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SET)) {
            statement.setString(1, name);
            statement.setString(2, value);
            statement.setBoolean(3, local);
            statement.execute();
        }
    }

    private static DatabaseQuery queryOf(Call call) {
        return call instanceof DatabaseCall database ? database.getQuery() : null;
    }

    private static String tenantOf(Session session) {
        Object tenant = session.getProperty(TenantDiscriminator.CONTEXT_PROPERTY);
        return tenant == null ? null : tenant.toString();
    }

    private boolean applies(Session session) {
        return session != null && (isPostgres(session) || routing.active());
    }

    private static boolean isPostgres(Session session) {
        return session != null && session.getPlatform().isPostgreSQL();
    }

    private TransactionSynchronizationRegistry transactions() {
        if (transactions == null) {
            try {
                transactions = (TransactionSynchronizationRegistry)
                        new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
            } catch (NamingException e) {
                return null;
            }
        }
        return transactions;
    }
}
