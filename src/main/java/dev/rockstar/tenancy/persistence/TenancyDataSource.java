package dev.rockstar.tenancy.persistence;

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
        return ConfigProvider.getConfig().getOptionalValue("tenancy.datasource", String.class)
                .map(String::strip).filter(name -> !name.isEmpty()).orElse(DEFAULT);
    }

    static boolean isDefault() {
        return DEFAULT.equals(jndiName());
    }
}
