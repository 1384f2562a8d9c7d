package dev.rockstar.tenancy.persistence;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Migration V8: on PostgreSQL, the tenant-owned tables admit only the rows of the tenant in the
 * setting {@code tenancy.tenant_id} ({@link RowLevelSecurity} sets it for every statement of a
 * tenant's {@code EntityManager}). A Java migration because H2 has no row-level security: there it
 * changes nothing but still counts as version 8, so both databases keep one version history.
 *
 * <p>Policies bind only roles that do not own the tables (no {@code FORCE}): the owner runs the
 * migrations, the application connects as a role granted only DML (docs/DEPLOYMENT.md). The
 * operators' one way across tenants ({@link CrossTenantAccess}: the owner of a row asked for by
 * id, rows per tenant) is two functions that run as the owner ({@code SECURITY DEFINER}), answer
 * only those two questions, and only about the tables under a policy. Not a second, permissive
 * policy for operators: PostgreSQL ORs permissive policies, and the OR keeps the planner from
 * using the tenant's index with the tenant's own query (a list became ten times slower,
 * docs/RELIABILITY.md). The registry ({@code tenant}, {@code tenant_host}) is global. So is the
 * audit log: it is written for requests with no tenant or an unknown one and read only by
 * operators, across tenants; a policy there would hide entries from the operators it exists for,
 * and no tenant path reads it. V10 ({@link CrossTenantFunctionsMigration}) replaces both functions
 * with ones of a fixed table and column list that PUBLIC may not call; V8 stays as it ran.
 */
final class RowLevelSecurityMigration extends PostgresOnlyMigration {

    /** Every table of a {@code @Multitenant} entity at version 8; a later tenant-owned table needs its own migration. */
    static final List<String> TENANT_OWNED_TABLES = List.of("document", "document_comment", "tenant_user");

    private static final String ROW_OWNER_FUNCTION = "tenancy_row_owner";
    private static final String ROWS_PER_TENANT_FUNCTION = "tenancy_rows_per_tenant";

    /** Only tables under row-level security, so the owner's rights reach nothing else through it. */
    private static final String GUARD = """
            IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = target AND relrowsecurity) THEN
                RAISE EXCEPTION '% is not a tenant-owned table', target;
            END IF;
            """;

    RowLevelSecurityMigration() {
        super(8, "row level security");
    }

    @Override
    void migratePostgres(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            for (String table : TENANT_OWNED_TABLES) {
                statement.execute("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY");
                statement.execute("CREATE POLICY tenant_isolation ON " + table
                        + " USING (tenant_id = current_setting('" + RowLevelSecurity.TENANT_SETTING + "', true))"
                        + " WITH CHECK (tenant_id = current_setting('" + RowLevelSecurity.TENANT_SETTING + "', true))");
            }
            statement.execute("CREATE FUNCTION " + ROW_OWNER_FUNCTION + "(target regclass, id_column text, id text)"
                    + " RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$"
                    + " DECLARE owner text; BEGIN " + GUARD
                    + " EXECUTE format('SELECT tenant_id FROM %s WHERE %I = $1', target, id_column) INTO owner USING id;"
                    + " RETURN owner; END $f$");
            statement.execute("CREATE FUNCTION " + ROWS_PER_TENANT_FUNCTION + "(target regclass)"
                    + " RETURNS TABLE (tenant_id text, row_count bigint) LANGUAGE plpgsql STABLE SECURITY DEFINER"
                    + " SET search_path = public, pg_temp AS $f$ BEGIN " + GUARD
                    + " RETURN QUERY EXECUTE format('SELECT tenant_id::text, count(*) FROM %s GROUP BY tenant_id', target);"
                    + " END $f$");
        }
    }
}
