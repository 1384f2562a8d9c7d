package dev.rockstar.tenancy.persistence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.NamingException;

/**
 * Says at start, on PostgreSQL, where the row-level security backstop does not hold: a
 * tenant-owned table ({@link TenantOwnedTables}) without it or missing altogether (a new
 * {@code @Multitenant} entity whose migration has not created its table), an application that logs in as the tables' owner, whom policies do not bind, or one
 * whose role is a member of the owner and so can become it with one statement
 * (docs/DEPLOYMENT.md). A warning, not a refusal: EclipseLink's tenant filter still isolates.
 */
@ApplicationScoped
class RowLevelSecurityCheck {

    private static final Logger LOG = Logger.getLogger(RowLevelSecurityCheck.class.getName());

    @Inject
    TenantOwnedTables tenantOwned;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 200) Startup startup) {
        try (Connection connection = TenancyDataSource.application().getConnection()) {
            if (!Postgres.is(connection)) {
                return;
            }
            List<String> unguarded = new ArrayList<>();
            boolean bypassed = false;
            boolean canBecomeOwner = false;
            try (PreparedStatement check =
                    connection.prepareStatement("select relrowsecurity, row_security_active(oid),"
                            + " pg_has_role(relowner, 'MEMBER') from pg_class where oid = to_regclass(?)")) {
                for (String name : tenantOwned.tableNames()) {
                    check.setString(1, name);
                    try (ResultSet row = check.executeQuery()) {
                        if (!row.next() || !row.getBoolean(1)) { // no such table, or no policy on it
                            unguarded.add(name);
                        } else if (!row.getBoolean(2)) {
                            bypassed = true;
                        } else if (row.getBoolean(3)) {
                            canBecomeOwner = true;
                        }
                    }
                }
            }
            if (!unguarded.isEmpty()) {
                LOG.warning(() ->
                        "Tenant-owned tables missing or without row-level security (only EclipseLink's filter guards them): "
                                + unguarded
                                + "; a migration creates each table, and its policy follows after the migrations");
            }
            if (bypassed) {
                LOG.warning("The application logs in to PostgreSQL as the owner of its tables, whom row-level security "
                        + "does not bind: log in as a role granted only DML and give the migrations the owner's datasource in "
                        + TenancyDataSource.MIGRATION_DATASOURCE + " (docs/DEPLOYMENT.md)");
            }
            if (canBecomeOwner) {
                LOG.warning(
                        "The application's PostgreSQL role is a member of the owner of its tables: one SET ROLE, or "
                                + "set_config('role', ...) in any query, leaves row-level security behind; REVOKE the membership "
                                + "(docs/DEPLOYMENT.md)");
            }
        } catch (SQLException | NamingException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not check row-level security", e);
        }
    }
}
