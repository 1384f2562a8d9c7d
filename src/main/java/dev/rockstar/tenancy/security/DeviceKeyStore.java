package dev.rockstar.tenancy.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The global table {@code tenancy_secret}: secrets every node shares, written once. Each call runs
 * in a transaction of its own, so a failed insert (another node was first) leaves nothing behind.
 */
@ApplicationScoped
class DeviceKeyStore {

    // EclipseLink refuses native SQL in a unit with multitenant entities unless told; this table is global.
    private static final String ALLOW_NATIVE_SQL = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    private Query sql(String text) {
        return em.createNativeQuery(text).setHint(ALLOW_NATIVE_SQL, true);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<String> read(String name) {
        @SuppressWarnings("unchecked")
        List<Object> rows = sql("SELECT secret FROM tenancy_secret WHERE key_name = ?")
                .setParameter(1, name)
                .getResultList();
        return rows.stream().findFirst().map(String::valueOf);
    }

    /** Fails (primary key) when another node wrote the secret first; the caller reads that one then. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void insert(String name, String secret) {
        sql("INSERT INTO tenancy_secret (key_name, secret, created_at) VALUES (?, ?, ?)")
                .setParameter(1, name)
                .setParameter(2, secret)
                .setParameter(3, Timestamp.from(Instant.now()))
                .executeUpdate();
    }
}
