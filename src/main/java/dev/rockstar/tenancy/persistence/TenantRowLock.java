package dev.rockstar.tenancy.persistence;

import jakarta.persistence.EntityManager;

import org.eclipse.persistence.sessions.Session;

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

    private TenantRowLock() {
    }

    /**
     * Holds the tenant's registry row until the transaction ends, in the caller's transaction. On
     * PostgreSQL a {@code FOR KEY SHARE} lock, the one its foreign key check takes anyway: writers
     * of one tenant do not wait for each other, only the deletion waits for them. H2 knows only
     * {@code FOR UPDATE}, so there one tenant's inserts take turns.
     *
     * @return {@code false} when the tenant is gone: a deletion committed first
     */
    public static boolean holdForWrite(EntityManager em, String tenantId) {
        String lock = em.unwrap(Session.class).getPlatform().isPostgreSQL() ? "FOR KEY SHARE" : "FOR UPDATE";
        return !em.createNativeQuery("SELECT id FROM tenant WHERE id = ? " + lock)
                .setParameter(1, tenantId)
                .getResultList().isEmpty();
    }
}
