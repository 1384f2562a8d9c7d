package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.TenantDiscriminator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * After every migration, on PostgreSQL, each tenant-owned table ({@link TenantOwnedTables}) under
 * row-level security with the policy {@code tenant_isolation}: it admits only the rows of the
 * tenant in the setting {@code tenancy.tenant_id}, which {@link RowLevelSecurity} sets for every
 * statement of a tenant's {@code EntityManager}. Idempotent: a table that has both is left alone,
 * so a new {@code @Multitenant} entity's table gets its policy at the first start after its
 * migration created it, with no code of its own. A table the mapping names but no migration has
 * created yet is skipped ({@link RowLevelSecurityCheck} warns about it at start). H2 has no
 * row-level security: nothing happens there.
 *
 * <p>Not {@code FORCE}d: the policies bind every role but the tables' owner, who runs the
 * migrations and the operators' two functions across tenants ({@link CrossTenantFunctionsMigration});
 * the application logs in as a role granted only DML (docs/DEPLOYMENT.md).
 */
final class RowLevelSecurityPolicies implements Callback {

    static final String POLICY = "tenant_isolation";
    private static final Logger LOG = Logger.getLogger(RowLevelSecurityPolicies.class.getName());

    private final List<String> tables;

    /** @param tables the tenant-owned tables, as SQL names them */
    RowLevelSecurityPolicies(List<String> tables) {
        this.tables = List.copyOf(tables);
    }

    /** The one definition of the policy, also the SQL that docs/DEPLOYMENT.md shows. */
    static String createPolicy(String table) {
        String tenant =
                TenantDiscriminator.COLUMN + " = current_setting('" + RowLevelSecurity.TENANT_SETTING + "', true)";
        return "CREATE POLICY " + POLICY + " ON " + table + " USING (" + tenant + ") WITH CHECK (" + tenant + ")";
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            Connection connection = context.getConnection();
            if (Postgres.is(connection)) {
                guard(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not put the tenant-owned tables under row-level security", e);
        }
    }

    private void guard(Connection connection) throws SQLException {
        try (PreparedStatement state = connection.prepareStatement("select c.relrowsecurity, exists (select 1 from"
                        + " pg_policy p where p.polrelid = c.oid and p.polname = '" + POLICY + "')"
                        + " from pg_class c where c.oid = to_regclass(?)");
                Statement statement = connection.createStatement()) {
            for (String table : tables) {
                state.setString(1, table);
                try (ResultSet row = state.executeQuery()) {
                    if (!row.next()) {
                        continue; // no migration has created it yet
                    }
                    if (!row.getBoolean(1)) {
                        statement.execute("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY");
                        LOG.info(() -> "Row-level security enabled on " + table);
                    }
                    if (!row.getBoolean(2)) {
                        statement.execute(createPolicy(table));
                        LOG.info(() -> "Policy " + POLICY + " created on " + table);
                    }
                }
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "row level security policies";
    }
}
