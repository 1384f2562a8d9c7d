package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Test-only: log records written for a tenant and for none, so that a test can find them in the
 * server's log by their marker. The marker is letters and digits only (the path says so).
 */
public final class LogProbe {

    private static final Logger LOG = Logger.getLogger(LogProbe.class.getName());

    private LogProbe() {}

    @Path("test/log")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Resources {

        @Inject
        TenantContext tenant;

        @PersistenceContext(unitName = "tenancy")
        EntityManager em;

        /** An application's log line, written while the tenant is bound. */
        @GET
        @Path("tenant/{marker:[a-z0-9]+}")
        @TenantScoped
        public JsonObject forTenant(@PathParam("marker") String marker) {
            LOG.info("log-probe " + marker);
            return Json.createObjectBuilder()
                    .add("tenant", tenant.require().id())
                    .build();
        }

        /** The same line with no tenant bound. */
        @GET
        @Path("none/{marker:[a-z0-9]+}")
        public JsonObject forNone(@PathParam("marker") String marker) {
            LOG.info("log-probe " + marker);
            return Json.createObjectBuilder().build();
        }

        /** The class names of the root logger's handlers, in the order they run. */
        @GET
        @Path("root-handlers")
        public JsonArray rootHandlers() {
            JsonArrayBuilder names = Json.createArrayBuilder();
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                names.add(handler.getClass().getName());
            }
            return names.build();
        }

        /**
         * A statement the database refuses, run for the tenant: EclipseLink's own logger writes
         * it; then the unexpected error's 500.
         */
        @GET
        @Path("tenant/{marker:[a-z0-9]+}/sql")
        @TenantScoped
        public JsonObject failingSql(@PathParam("marker") String marker) {
            em.createNativeQuery("select * from log_probe_" + marker)
                    .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                    .getResultList();
            return Json.createObjectBuilder().build();
        }
    }
}
