package dev.rockstar.tenancy.persistence;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;

/**
 * Recognises a lock that was not granted in time under a persistence exception: H2's lock timeout
 * (SQLSTATE HYT00), PostgreSQL's {@code lock_not_available} (55P03) where a lock timeout is set,
 * and JPA's own lock exceptions. The work may be tried again.
 */
public final class LockTimeouts {

    private LockTimeouts() {}

    public static boolean isCause(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof LockTimeoutException || t instanceof PessimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && ("HYT00".equals(sql.getSQLState()) || "55P03".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
