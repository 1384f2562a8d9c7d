package dev.rockstar.tenancy.persistence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.persistence.annotations.Multitenant;

/**
 * Says at start, on PostgreSQL, where the row-level security backstop does not hold: a
 * tenant-owned table without it (a new {@code @Multitenant} entity whose migration forgot its
 * policy), an application that logs in as the tables' owner, whom policies do not bind, or one
 * whose role is a member of the owner and so can become it with one statement
 * (docs/DEPLOYMENT.md). A warning, not a refusal: EclipseLink's tenant filter still isolates.
 */
@ApplicationScoped
class RowLevelSecurityCheck {

    private static final Logger LOG = Logger.getLogger(RowLevelSecurityCheck.class.getName());

    @PersistenceUnit(unitName = "tenancy")
    EntityManagerFactory factory;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 200) Startup startup) {
        try (Connection connection =
                ((DataSource) new InitialContext().lookup(TenancyDataSource.jndiName())).getConnection()) {
            if (!Postgres.is(connection)) {
                return;
            }
            List<String> unguarded = new ArrayList<>();
            boolean bypassed = false;
            boolean canBecomeOwner = false;
            try (PreparedStatement check =
                    connection.prepareStatement("select relrowsecurity, row_security_active(oid),"
                            + " pg_has_role(relowner, 'MEMBER') from pg_class where oid = ?::regclass")) {
                for (EntityType<?> entity : factory.getMetamodel().getEntities()) {
                    if (!entity.getJavaType().isAnnotationPresent(Multitenant.class)) {
                        continue;
                    }
                    // JPA's default table name is the entity's name, which PostgreSQL folds to lower case
                    Table table = entity.getJavaType().getAnnotation(Table.class);
                    String name = table == null || table.name().isEmpty()
                            ? entity.getName().toLowerCase(Locale.ROOT)
                            : table.name();
                    check.setString(1, name);
                    try (ResultSet row = check.executeQuery()) {
                        row.next(); // ::regclass fails for a table that does not exist at all
                        if (!row.getBoolean(1)) {
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
                LOG.warning(
                        () -> "Tenant-owned tables without row-level security (only EclipseLink's filter guards them): "
                                + unguarded + "; give each a policy in a migration, as V8 does");
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
