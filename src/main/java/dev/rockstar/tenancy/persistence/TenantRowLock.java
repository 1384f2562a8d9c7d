package dev.rockstar.tenancy.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.internal.sessions.UnitOfWorkImpl;

/**
 * Keeps a tenant's deletion apart from the writes of its rows. A transaction that inserts rows
 * owned by a tenant first holds the tenant's registry row ({@link #holdForWrite}); the deletion
 * locks that row exclusively before it erases the tenant's rows. So the deletion waits for the
 * writes under way and erases their rows too, and a write that comes after it finds the tenant
 * gone and answers so.
 * <p>
 * Without it, PostgreSQL fails the deletion on a foreign key when a row is inserted between its
 * erasing the rows and deleting the tenant (a 500), and H2, whose foreign key checks do not see
 * other transactions' uncommitted rows, commits both: rows without a tenant, which a tenant
 * registered later under the same id would own.
 */
public final class TenantRowLock {

    private TenantRowLock() {}

    /**
     * Holds the tenant's registry row until the transaction ends, in the caller's transaction. On
     * PostgreSQL a {@code FOR KEY SHARE} lock, the one its foreign key check takes anyway: writers
     * of one tenant do not wait for each other, only the deletion waits for them. H2 knows only
     * {@code FOR UPDATE}, so there one tenant's inserts take turns. Plain JDBC on the
     * EntityManager's own connection: EclipseLink refuses native queries in a unit with
     * multitenant entities, and its pessimistic locks are all {@code FOR UPDATE}.
     *
     * @return {@code false} when the tenant is gone: a deletion committed first
     */
    public static boolean holdForWrite(EntityManager em, String tenantId) {
        return lock(em, tenantId, "FOR KEY SHARE");
    }

    /**
     * Holds the tenant's registry row against every other holder of this lock, but not against
     * the writers of {@link #holdForWrite}: on PostgreSQL {@code FOR NO KEY UPDATE}, which a
     * writer's {@code FOR KEY SHARE} (and its foreign key checks) let pass. Two writers that each
     * held the row for writing and then asked for {@code FOR UPDATE} would wait for each other for
     * ever; with this one of them waits for the other's commit. On H2, {@code FOR UPDATE}, as
     * {@link #holdForWrite} already took there.
     *
     * @return {@code false} when the tenant is gone
     */
    public static boolean holdExclusively(EntityManager em, String tenantId) {
        return lock(em, tenantId, "FOR NO KEY UPDATE");
    }

    /**
     * Holds the tenant's registry row against its writers too ({@code FOR UPDATE}, as a deletion
     * does): waits for the writes of its rows under way, and keeps new ones waiting until the
     * transaction ends. For work that replaces all of a tenant's rows at once (a restore over it).
     *
     * @return {@code false} when the tenant is gone
     */
    public static boolean holdAgainstWriters(EntityManager em, String tenantId) {
        return lock(em, tenantId, "FOR UPDATE");
    }

    /**
     * The connection of the EntityManager's transaction. An EntityManager of a database placement
     * has a connection of its own (EclipseLink's exclusive connection), which EclipseLink hands out
     * only while it holds it.
     */
    static Connection connectionOf(EntityManager em) {
        UnitOfWorkImpl work = em.unwrap(UnitOfWorkImpl.class);
        if (!work.getParent().isExclusiveIsolatedClientSession()) {
            return em.unwrap(Connection.class); // the transaction's, joined by the EntityManager
        }
        // Its transaction first: before it, an exclusive session hands out the unit's read
        // connection (the main database's). Then its own connection, which it takes for a
        // statement and keeps for the rest of the transaction: taken here as a statement would.
        work.beginEarlyTransaction();
        Connection connection = em.unwrap(Connection.class);
        if (connection != null) {
            return connection;
        }
        Accessor accessor = work.getAccessor();
        accessor.incrementCallCount(work.getParent());
        try {
            return accessor.getConnection();
        } finally {
            accessor.decrementCallCount();
        }
    }

    private static boolean lock(EntityManager em, String tenantId, String postgresLock) {
        Connection connection = connectionOf(em);
        try {
            String lock = Postgres.is(connection) ? postgresLock : "FOR UPDATE";
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM tenant WHERE id = ? " + lock)) {
                select.setString(1, tenantId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not lock the registry row of tenant " + tenantId, e);
        }
    }
}
