package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.ChangesNoData;
import dev.rockstar.tenancy.TenantData;
import dev.rockstar.tenancy.TenantDiscriminator;
import dev.rockstar.tenancy.TenantRunner;
import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.documents.control.Documents;
import dev.rockstar.tenancy.documents.entity.Document;
import dev.rockstar.tenancy.users.entity.TenantUser;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Test-only: writes of a tenant's rows past the request pipeline's read-only step (on a
 * {@code GET}, in a method marked {@link ChangesNoData}, on a managed executor, in a job run
 * through {@link TenantRunner}), each answered as the application would answer it; and a user's
 * stored password hash, read and set as SQL would, for the test of logins while read-only.
 */
public final class ReadOnlyProbe {

    private ReadOnlyProbe() {}

    @Path("test/read-only")
    @TenantScoped
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Scoped {

        @Inject
        Documents documents;

        @Inject
        @TenantData
        EntityManager em;

        @Resource(lookup = AsyncProbe.EXECUTOR)
        ManagedExecutorService executor;

        /** A document created on a {@code GET}, which the pipeline lets through for a read-only tenant. */
        @GET
        @Path("create-on-get")
        public JsonObject createOnGet() {
            return created(documents.create("created on a GET " + UUID.randomUUID(), "x"));
        }

        /** A change of a loaded document, written only by the commit (no flush before it). */
        @GET
        @Path("change-on-get/{id}")
        @Transactional
        public JsonObject changeOnGet(@PathParam("id") String id) {
            em.find(Document.class, id).setContent("changed on a GET");
            return Json.createObjectBuilder().add("changed", id).build();
        }

        /** Marked as changing nothing, and writing all the same. */
        @POST
        @Path("marked")
        @ChangesNoData
        public JsonObject marked() {
            return created(documents.create("created by a marked method " + UUID.randomUUID(), "x"));
        }

        /** A document created on the tenancy executor, with the request's tenant propagated. */
        @GET
        @Path("executor")
        public JsonObject onExecutor() throws Exception {
            try {
                return executor.submit(
                                () -> created(documents.create("created on an executor " + UUID.randomUUID(), "x")))
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /** Not {@code @TenantScoped}: a job, with no tenant until it runs as one. */
    @Path("test/read-only-jobs")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Jobs {

        @Inject
        TenantRunner tenants;

        @Inject
        Documents documents;

        @POST
        @Path("{tenant}")
        public JsonObject createAs(@PathParam("tenant") String tenant) {
            return tenants.call(tenant, () -> created(documents.create("created by a job " + UUID.randomUUID(), "x")));
        }
    }

    @Path("test/password-hashes/{tenant}/{username}")
    @RequestScoped
    @Produces(MediaType.TEXT_PLAIN)
    public static class PasswordHashes {

        @PersistenceUnit(unitName = "tenancy")
        EntityManagerFactory factory;

        @GET
        public String stored(@PathParam("tenant") String tenant, @PathParam("username") String username) {
            EntityManager em = factory.createEntityManager(Map.of(TenantDiscriminator.CONTEXT_PROPERTY, tenant));
            try {
                return em.find(TenantUser.class, username).getPasswordHash();
            } finally {
                em.close();
            }
        }

        @PUT
        @Consumes(MediaType.TEXT_PLAIN)
        @Transactional
        public void store(@PathParam("tenant") String tenant, @PathParam("username") String username, String hash) {
            EntityManager em = factory.createEntityManager(Map.of(TenantDiscriminator.CONTEXT_PROPERTY, tenant));
            try {
                em.joinTransaction();
                em.find(TenantUser.class, username).rehashPassword(hash);
                em.flush();
            } finally {
                em.close();
            }
        }
    }

    private static JsonObject created(Document document) {
        return Json.createObjectBuilder().add("id", document.getId()).build();
    }
}
