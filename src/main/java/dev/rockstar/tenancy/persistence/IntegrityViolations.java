package dev.rockstar.tenancy.persistence;

import java.sql.SQLException;

/** Recognises a unique or foreign key violation (SQLSTATE class 23) under a persistence exception. */
public final class IntegrityViolations {

    private IntegrityViolations() {}

    public static boolean isCause(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
