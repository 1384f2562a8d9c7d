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
        return configured().map(String::strip).filter(name -> !name.isEmpty()).orElse(DEFAULT);
    }

    private static Optional<String> configured() {
        try {
            return ConfigProvider.getConfig().getOptionalValue("tenancy.datasource", String.class);
        } catch (IllegalStateException noConfigYet) {
            // GlassFish deploys the persistence unit before its MicroProfile Config serves the
            // application: read the two sources an operator sets there, as MicroProfile Config would.
            return Optional.ofNullable(System.getProperty("tenancy.datasource"))
                    .or(() -> Optional.ofNullable(System.getenv("TENANCY_DATASOURCE")));
        }
    }

    static boolean isDefault() {
        return DEFAULT.equals(jndiName());
    }
}
