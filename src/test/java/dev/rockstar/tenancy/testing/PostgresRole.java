package dev.rockstar.tenancy.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The roles of the run's PostgreSQL, each with its login from the {@code it.postgres.*} system
 * properties that the build sets (docs/TESTING.md), for a test that goes straight to the database.
 * Without the property, a role's user and password are both its default ({@code tenancy},
 * {@code tenancy_app}, {@code tenancy_other}), as {@link PostgresInstance} creates them.
 * <pre>
 * try (Connection owner = PostgresRole.OWNER.connect()) { … what is really stored … }
 * assertEquals(PostgresRole.APPLICATION.user(), whoTheDataSourceIs);
 * </pre>
 */
public enum PostgresRole {
    /** Owns the tables and runs the migrations; row-level security does not bind it. */
    OWNER("it.postgres.user", "it.postgres.password", "tenancy"),
    /** The datasource's role, granted only DML, so that row-level security binds it. */
    APPLICATION("it.postgres.app-user", "it.postgres.app-password", "tenancy_app"),
    /**
     * A role that can log in and has no grants at all: "any database role". The build's PostgreSQL
     * creates it ({@link PostgresInstance}); a PostgreSQL of your own needs it too.
     */
    OTHER("it.postgres.other-user", "it.postgres.other-password", "tenancy_other");

    private final String userProperty;
    private final String passwordProperty;
    private final String byDefault;

    PostgresRole(String userProperty, String passwordProperty, String byDefault) {
        this.userProperty = userProperty;
        this.passwordProperty = passwordProperty;
        this.byDefault = byDefault;
    }

    public String user() {
        return System.getProperty(userProperty, byDefault);
    }

    public String password() {
        return System.getProperty(passwordProperty, byDefault);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /** The JDBC URL of the test database ({@code it.postgres.url}). */
    public static String url() {
        return System.getProperty("it.postgres.url");
    }

    /** The database's address: host, port, and the database as its path. */
    public static URI address() {
        return URI.create(url().substring("jdbc:".length()));
    }
}
