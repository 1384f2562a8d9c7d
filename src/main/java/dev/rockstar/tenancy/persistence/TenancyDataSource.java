package dev.rockstar.tenancy.persistence;

import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which database the application uses: the JNDI name in {@code tenancy.datasource}, by default
 * the server's own default datasource (H2 on Payara and WildFly). A static read, because
 * EclipseLink asks for it while deploying, before CDI serves beans.
 */
final class TenancyDataSource {

    static final String DEFAULT = "java:comp/DefaultDataSource";
    static final String MIGRATION_DATASOURCE = "tenancy.migration.datasource";
    static final String RETIRED_MIGRATION_ROLE = "tenancy.migration.role";

    private TenancyDataSource() {}

    static String jndiName() {
        return configured("tenancy.datasource").orElse(DEFAULT);
    }

    /**
     * {@code tenancy.migration.datasource}: the JNDI name of a datasource that logs in as the role
     * that owns the schema, for the migrations alone, while the application's own datasource logs
     * in as a role granted only DML (docs/DEPLOYMENT.md). Unset: the migrations use the application's.
     */
    static Optional<String> migrationJndiName() {
        return configured(MIGRATION_DATASOURCE);
    }

    /**
     * {@code tenancy.migration.role}, which earlier versions read to {@code SET ROLE} to the owner:
     * it needs the application's role to be a member of the owner, which is what lets it leave
     * row-level security behind. Still read, so that a deployment that sets it is refused.
     */
    static Optional<String> retiredMigrationRole() {
        return configured(RETIRED_MIGRATION_ROLE);
    }

    private static Optional<String> configured(String key) {
        Optional<String> value;
        try {
            value = ConfigProvider.getConfig().getOptionalValue(key, String.class);
        } catch (IllegalStateException noConfigYet) {
            // GlassFish deploys the persistence unit before its MicroProfile Config serves the
            // application: read the two sources an operator sets there, as MicroProfile Config would.
            value = Optional.ofNullable(System.getProperty(key))
                    .or(() ->
                            Optional.ofNullable(System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"))));
        }
        return value.map(String::strip).filter(name -> !name.isEmpty());
    }

    /** The application's datasource, the one {@link #jndiName()} names. */
    static DataSource application() throws NamingException {
        return lookup(jndiName());
    }

    /** The datasource the migrations log in with: {@link #migrationJndiName()}'s, else the application's. */
    static DataSource migrations() throws NamingException {
        Optional<String> name = migrationJndiName();
        return name.isPresent() ? lookup(name.get()) : application();
    }

    private static DataSource lookup(String name) throws NamingException {
        return (DataSource) new InitialContext().lookup(name);
    }

    static boolean isDefault() {
        return DEFAULT.equals(jndiName());
    }
}
