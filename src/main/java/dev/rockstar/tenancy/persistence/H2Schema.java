package dev.rockstar.tenancy.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection's schema on H2, which has no transaction-local one: a schema placement's for the
 * tenant-owned tables, with the main schema on its search path, so that the registry and the other
 * global tables, which only the main schema has, still resolve without a schema in their name.
 */
final class H2Schema {

    private H2Schema() {}

    /** @param schema quoted; @param mainSchema unquoted */
    static void set(Connection connection, String schema, String mainSchema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SCHEMA " + schema);
            statement.execute("SET SCHEMA_SEARCH_PATH " + schema + ", " + Placements.quoted(mainSchema));
        }
    }

    /** The main schema, and nothing else on the search path, as a connection came from the pool. */
    static void reset(Connection connection, String mainSchema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SCHEMA " + Placements.quoted(mainSchema));
            statement.execute("SET SCHEMA_SEARCH_PATH " + Placements.quoted(mainSchema));
        }
    }
}
