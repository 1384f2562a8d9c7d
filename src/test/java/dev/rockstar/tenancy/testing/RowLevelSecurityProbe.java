package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantData;
import dev.rockstar.tenancy.TenantScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Test-only: the mistake that row-level security is there to catch, a native query with no tenant
 * predicate ({@value #UNFILTERED}), run on the application's own connections. EclipseLink refuses
 * native SQL on a tenant's {@code EntityManager}, so the probe takes that EntityManager's JDBC
 * connection in its transaction, as code that "just needs a quick query" would.
 */
public final class RowLevelSecurityProbe {

    static final String UNFILTERED = "select tenant_id, title from document order by tenant_id, title";

    private RowLevelSecurityProbe() {}

    @Path("test/rls")
    @TenantScoped
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Scoped {

        @Inject
        @TenantData
        EntityManager em;

        /** The unfiltered query on the connection of the tenant's EntityManager, in its transaction. */
        @GET
        @Path("unfiltered")
        @Transactional
        public JsonObject unfiltered() throws SQLException {
            return rows(em.unwrap(Connection.class));
        }
    }

    /** Deliberately not {@code @TenantScoped}: no tenant is active here. */
    @Path("test/rls-untenanted")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Unscoped {

        @PersistenceContext(unitName = "tenancy")
        EntityManager containerEntityManager;

        @Inject
        @ConfigProperty(name = "tenancy.datasource", defaultValue = "java:comp/DefaultDataSource")
        String dataSource;

        /** On the connection of an EntityManager with no tenant, in a transaction. */
        @GET
        @Path("unfiltered")
        @Transactional
        public JsonObject unfiltered() throws SQLException {
            return rows(containerEntityManager.unwrap(Connection.class));
        }

        /** On a connection straight from the application's pool, outside any transaction. */
        @GET
        @Path("pooled")
        public JsonObject pooled() throws SQLException, NamingException {
            try (Connection connection = ((DataSource) new InitialContext().lookup(dataSource)).getConnection()) {
                return rows(connection);
            }
        }
    }

    private static JsonObject rows(Connection connection) throws SQLException {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery(UNFILTERED)) {
                while (result.next()) {
                    rows.add(Json.createObjectBuilder()
                            .add("tenant", result.getString(1))
                            .add("title", result.getString(2)));
                }
            }
            try (ResultSet who = statement.executeQuery("select current_user, row_security_active('document')")) {
                who.next();
                return Json.createObjectBuilder()
                        .add("rows", rows)
                        .add("user", who.getString(1))
                        .add("rowSecurityActive", who.getBoolean(2))
                        .build();
            }
        }
    }
}
