package dev.rockstar.tenancy.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** Which database a connection reaches, for what only PostgreSQL has: roles, row-level security, row lock kinds. */
final class Postgres {

    private Postgres() {}

    static boolean is(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
}
