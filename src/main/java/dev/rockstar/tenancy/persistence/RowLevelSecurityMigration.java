package dev.rockstar.tenancy.persistence;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration V8: on PostgreSQL, the tenant-owned tables admit only the rows of the tenant in the
 * setting {@code tenancy.tenant_id} ({@link RowLevelSecurity} sets it for every statement of a
 * tenant's {@code EntityManager}), and for reading only, every tenant's rows while
 * {@code tenancy.cross_tenant_read} is {@code on} ({@link CrossTenantAccess}, the operators' way).
 * A Java migration because H2 has no row-level security: there it changes nothing but still counts
 * as version 8, so both databases keep one version history.
 *
 * <p>Policies bind only roles that do not own the tables (no {@code FORCE}): the owner runs the
 * migrations, the application connects as a role granted only DML (docs/DEPLOYMENT.md). The
 * registry ({@code tenant}, {@code tenant_host}) is global. So is the audit log: it is written for
 * requests with no tenant or an unknown one and read only by operators, across tenants; a policy
 * there would hide entries from the operators it exists for, and no tenant path reads it.
 */
final class RowLevelSecurityMigration implements JavaMigration {

    /** Every table of a {@code @Multitenant} entity at version 8; a later tenant-owned table needs its own migration. */
    static final List<String> TENANT_OWNED_TABLES = List.of("document", "document_comment", "tenant_user");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("8");
    }

    @Override
    public String getDescription() {
        return "row level security";
    }

    @Override
    public Integer getChecksum() {
        return 8;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : TENANT_OWNED_TABLES) {
                statement.execute("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY");
                statement.execute("CREATE POLICY tenant_isolation ON " + table
                        + " USING (tenant_id = current_setting('" + RowLevelSecurity.TENANT_SETTING + "', true))"
                        + " WITH CHECK (tenant_id = current_setting('" + RowLevelSecurity.TENANT_SETTING + "', true))");
                statement.execute("CREATE POLICY cross_tenant_read ON " + table + " FOR SELECT"
                        + " USING (current_setting('" + RowLevelSecurity.CROSS_TENANT_READ_SETTING + "', true) = 'on')");
            }
        }
    }
}
