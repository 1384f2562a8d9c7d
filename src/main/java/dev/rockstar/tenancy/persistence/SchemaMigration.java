package dev.rockstar.tenancy.persistence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before anything else touches the database; the same
 * scripts serve every database ({@code db/migration}), the one {@code tenancy.datasource} names.
 * On PostgreSQL the migrations log in as the schema's owner through a datasource of their own
 * ({@code tenancy.migration.datasource}), so that the application's role, which row-level
 * security binds, needs no way to become the owner. A failed migration fails the deployment.
 */
@ApplicationScoped
class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Startup startup) throws NamingException {
        TenancyDataSource.retiredMigrationRole().ifPresent(role -> {
            throw new IllegalStateException("Rockstar Tenancy refuses to start: "
                    + TenancyDataSource.RETIRED_MIGRATION_ROLE
                    + " is no longer supported. It needs the application's role to be a member of the owner, and a member "
                    + "can SET ROLE to the owner, whom row-level security does not bind. Define a datasource that logs in "
                    + "as the owner, name it in " + TenancyDataSource.MIGRATION_DATASOURCE + ", remove "
                    + TenancyDataSource.RETIRED_MIGRATION_ROLE + " and REVOKE the membership (docs/DEPLOYMENT.md)");
        });
        String name = TenancyDataSource.jndiName();
        DataSource application = (DataSource) new InitialContext().lookup(name);
        Optional<String> migrationName = TenancyDataSource.migrationJndiName();
        DataSource owner =
                migrationName.isPresent() ? (DataSource) new InitialContext().lookup(migrationName.get()) : application;
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(owner)
                .locations("classpath:db/migration")
                .javaMigrations(new RowLevelSecurityMigration(), new CrossTenantFunctionsMigration(application))
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Schema of " + name + " at version "
                + flyway.info().current().getVersion() + " (" + result.migrationsExecuted + " migrations applied now"
                + migrationName.map(m -> ", through " + m).orElse("") + ")");
    }
}
