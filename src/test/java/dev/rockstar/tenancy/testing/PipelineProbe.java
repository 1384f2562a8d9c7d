package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.RequiresFeature;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantData;
import dev.rockstar.tenancy.TenantRunner;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.TimeUnit;

/** Test-only resources: a method gated by a feature alone, and work run as a tenant. */
public final class PipelineProbe {

    private PipelineProbe() {}

    @Path("test/pipeline")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Resources {

        @Inject
        TenantContext tenant;

        @Inject
        TenantRunner runner;

        @Inject
        @TenantData
        EntityManager em;

        @Resource
        ManagedExecutorService executor;

        /** No {@code @TenantScoped}: the feature alone must bring the whole tenant chain. */
        @GET
        @Path("feature-only")
        @RequiresFeature("probe")
        public JsonObject featureOnly() {
            return Json.createObjectBuilder()
                    .add("tenant", tenant.require().id())
                    .build();
        }

        /** Runs as a tenant on the request's thread, then shows that the request has no tenant again. */
        @GET
        @Path("run-as/{id}")
        public JsonObject runAs(@PathParam("id") String id) {
            JsonObject inside = runner.call(id, this::whoAndHowMany);
            return Json.createObjectBuilder(inside)
                    .add("after", tenant.current().map(t -> t.id()).orElse("none"))
                    .build();
        }

        /** The same on a pooled thread of the server's executor, which has no request of its own. */
        @GET
        @Path("run-as-async/{id}")
        public JsonObject runAsAsync(@PathParam("id") String id) throws Exception {
            return executor.submit(() -> runner.call(id, this::whoAndHowMany)).get(60, TimeUnit.SECONDS);
        }

        private JsonObject whoAndHowMany() {
            long documents = em.createQuery("select count(d) from Document d", Long.class)
                    .getSingleResult();
            return Json.createObjectBuilder()
                    .add("tenant", tenant.require().id())
                    .add("documents", documents)
                    .build();
        }
    }
}
