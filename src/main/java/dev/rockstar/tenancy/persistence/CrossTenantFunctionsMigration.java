package dev.rockstar.tenancy.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Migration V10: V8's two functions, which run as the owner past row-level security, replaced by
 * two that only the application's role may call and that answer about a fixed list of tables and
 * columns. V8's took any table under a policy and any column name, and PUBLIC kept EXECUTE: any
 * role that could log in learnt which tenant owns a username, whether a title exists, and every
 * tenant's row counts. These run static SQL (no {@code format}, no {@code EXECUTE}), answer only
 * about documents and comments by their id (random UUIDs: nothing to guess), are revoked from
 * PUBLIC and granted to the role the application's datasource logs in as (whoever runs the
 * migrations owns them and needs no grant). On H2, which has neither roles nor these functions,
 * it changes nothing but still counts as version 10.
 */
final class CrossTenantFunctionsMigration extends PostgresOnlyMigration {

    static final String ROW_OWNER_FUNCTION = "tenancy_row_owner";
    static final String ROWS_PER_TENANT_FUNCTION = "tenancy_rows_per_tenant";
    /**
     * The tables the operators' paths may ask about across tenants, with the column a row is asked
     * for by: as of version 10. A later table needs a migration that replaces both functions.
     */
    static final Map<String, String> TABLES = new TreeMap<>(Map.of("document", "id", "document_comment", "id"));

    private final DataSource application;

    /** @param application the application's datasource, whose login role is granted the functions */
    CrossTenantFunctionsMigration(DataSource application) {
        super(10, "cross tenant functions");
        this.application = application;
    }

    @Override
    void migratePostgres(Connection connection) throws Exception {
        create(connection, application, null);
    }

    /**
     * Creates (or replaces) both functions, answering about the tables of {@code schema}: the
     * main schema's (unqualified, {@code public} on their search path) when it is {@code null}, else
     * a schema placement's, created in it with that schema alone on their search path.
     */
    static void create(Connection connection, DataSource application, String schema) throws SQLException {
        StringBuilder owners = new StringBuilder();
        StringBuilder counts = new StringBuilder();
        TABLES.forEach((table, column) -> {
            owners.append(" WHEN '")
                    .append(table)
                    .append("' THEN RETURN (SELECT t.tenant_id FROM ")
                    .append(table)
                    .append(" t WHERE t.")
                    .append(column)
                    .append(" = row_id LIMIT 1);");
            counts.append(" WHEN '")
                    .append(table)
                    .append("' THEN RETURN QUERY SELECT t.tenant_id::text, count(*) FROM ")
                    .append(table)
                    .append(" t GROUP BY t.tenant_id;");
        });
        String refused = " ELSE RAISE EXCEPTION 'no cross-tenant question about %', target_table"
                + " USING ERRCODE = 'insufficient_privilege'; END CASE; END $f$";
        String prefix = schema == null ? "" : Placements.quoted(schema) + ".";
        String searchPath = schema == null ? "public" : Placements.quoted(schema);
        String rowOwner = prefix + ROW_OWNER_FUNCTION + "(text, text)";
        String rowsPerTenant = prefix + ROWS_PER_TENANT_FUNCTION + "(text)";
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP FUNCTION IF EXISTS " + prefix + ROW_OWNER_FUNCTION + "(regclass, text, text)");
            statement.execute("DROP FUNCTION IF EXISTS " + prefix + ROWS_PER_TENANT_FUNCTION + "(regclass)");
            statement.execute("CREATE OR REPLACE FUNCTION " + prefix + ROW_OWNER_FUNCTION
                    + "(target_table text, row_id text) RETURNS text"
                    + " LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = " + searchPath + ", pg_temp AS $f$"
                    + " BEGIN CASE target_table" + owners + refused);
            statement.execute("CREATE OR REPLACE FUNCTION " + prefix + ROWS_PER_TENANT_FUNCTION + "(target_table text)"
                    + " RETURNS TABLE (tenant_id text, row_count bigint)"
                    + " LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = " + searchPath + ", pg_temp AS $f$"
                    + " BEGIN CASE target_table" + counts + refused);
            statement.execute("REVOKE ALL ON FUNCTION " + rowOwner + ", " + rowsPerTenant + " FROM PUBLIC");
            String applicationRole = loginRoleOf(application);
            if (!applicationRole.equals(loginRoleOf(connection))) {
                statement.execute("GRANT EXECUTE ON FUNCTION " + rowOwner + ", " + rowsPerTenant + " TO "
                        + Placements.quoted(applicationRole));
            }
        }
    }

    static String loginRoleOf(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return loginRoleOf(connection);
        }
    }

    static String loginRoleOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet role = statement.executeQuery("select current_user")) {
            role.next();
            return role.getString(1);
        }
    }
}
