package dev.rockstar.tenancy.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before anything else touches the database; the same
 * scripts serve every database ({@code db/migration}), the one {@code tenancy.datasource} names.
 * A failed migration fails the deployment.
 */
@ApplicationScoped
class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Startup startup) throws NamingException {
        String name = TenancyDataSource.jndiName();
        DataSource dataSource = (DataSource) new InitialContext().lookup(name);
        Optional<String> role = TenancyDataSource.migrationRole();
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(role.isPresent() ? new AsRole(dataSource, role.get()).asDataSource() : dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new RowLevelSecurityMigration())
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Schema of " + name + " at version " + flyway.info().current().getVersion() + " ("
                + result.migrationsExecuted + " migrations applied now" + role.map(r -> ", as role " + r).orElse("") + ")");
    }

    /**
     * The datasource as the role that owns the schema ({@code tenancy.migration.role}), while the
     * application's own statements run as the login role, which is granted only DML and so stays
     * bound by the row-level security policies. Each connection Flyway takes becomes the owner
     * ({@code SET ROLE}) and is the login role again ({@code RESET ROLE}) before it goes back to
     * the pool; one that cannot be reset is closed by the pool as broken rather than reused.
     */
    private record AsRole(DataSource dataSource, String role) implements InvocationHandler {

        private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

        AsRole {
            if (!ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("tenancy.migration.role must be a plain role name, not " + role);
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            try {
                if (method.getName().equals("getConnection")) {
                    Connection connection = (Connection) method.invoke(dataSource, args);
                    run(connection, "SET ROLE \"" + role + "\"");
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("close") && !connection.isClosed()) {
                                    reset(connection);
                                }
                                try {
                                    return m.invoke(connection, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
                return method.invoke(dataSource, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** Back to the login role, even out of a failed transaction that Flyway left open. */
        private static void reset(Connection connection) throws SQLException {
            try {
                run(connection, "RESET ROLE");
            } catch (SQLException inFailedTransaction) {
                connection.rollback();
                run(connection, "RESET ROLE");
            }
        }

        private static void run(Connection connection, String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        DataSource asDataSource() {
            return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, this);
        }
    }
}
