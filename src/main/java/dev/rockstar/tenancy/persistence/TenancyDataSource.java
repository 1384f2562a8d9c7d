package dev.rockstar.tenancy.persistence;

import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which database the application uses: the JNDI name in {@code tenancy.datasource}, by default
 * the server's own default datasource (H2 on Payara and WildFly). A static read, because
 * EclipseLink asks for it while deploying, before CDI serves beans.
 */
final class TenancyDataSource {

    static final String DEFAULT = "java:comp/DefaultDataSource";

    private TenancyDataSource() {
    }

    static String jndiName() {
        return configured("tenancy.datasource").orElse(DEFAULT);
    }

    /**
     * {@code tenancy.migration.role}: on PostgreSQL, the role that owns the schema, which Flyway
     * becomes for the migrations while the application runs as its login role (docs/DEPLOYMENT.md).
     */
    static Optional<String> migrationRole() {
        return configured("tenancy.migration.role");
    }

    private static Optional<String> configured(String key) {
        Optional<String> value;
        try {
            value = ConfigProvider.getConfig().getOptionalValue(key, String.class);
        } catch (IllegalStateException noConfigYet) {
            // GlassFish deploys the persistence unit before its MicroProfile Config serves the
            // application: read the two sources an operator sets there, as MicroProfile Config would.
            value = Optional.ofNullable(System.getProperty(key))
                    .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"))));
        }
        return value.map(String::strip).filter(name -> !name.isEmpty());
    }

    static boolean isDefault() {
        return DEFAULT.equals(jndiName());
    }
}
