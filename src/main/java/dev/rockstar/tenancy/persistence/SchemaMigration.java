package dev.rockstar.tenancy.persistence;

import java.util.logging.Logger;

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
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Schema of " + name + " at version " + flyway.info().current().getVersion() + " ("
                + result.migrationsExecuted + " migrations applied now)");
    }
}
