package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantData;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantJobReport;
import dev.rockstar.tenancy.TenantRunner;
import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.documents.control.DocumentCountJob;
import dev.rockstar.tenancy.documents.control.Documents;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test-only: work started from a request in each of the ways Jakarta Concurrency offers, each
 * reporting what it saw on its pooled thread (thread, tenant, the titles of the documents it could
 * read, or what it threw), and per-tenant jobs, so the tests can tell propagation from leakage.
 */
public final class AsyncProbe {

    public static final String EXECUTOR = "java:app/tenancy/TenantExecutor";

    private AsyncProbe() {}

    @ApplicationScoped
    public static class Work {

        @Inject
        TenantContext tenant;

        @Inject
        @TenantData
        EntityManager em;

        public JsonObject observe() {
            JsonObjectBuilder seen = Json.createObjectBuilder()
                    .add("thread", Thread.currentThread().getName());
            try {
                seen.add("tenant", tenant.current().map(TenantInfo::id).orElse("none"));
            } catch (RuntimeException e) {
                seen.add("tenant", "none: " + e.getClass().getSimpleName());
            }
            try {
                JsonArrayBuilder titles = Json.createArrayBuilder();
                em.createQuery("select d.title from Document d order by d.title", String.class)
                        .getResultList()
                        .forEach(titles::add);
                seen.add("titles", titles);
            } catch (RuntimeException e) {
                seen.add("error", e.getClass().getSimpleName());
            }
            return seen.build();
        }

        @Asynchronous(executor = EXECUTOR)
        public CompletableFuture<JsonObject> observeAsynchronously() {
            return Asynchronous.Result.complete(observe());
        }
    }

    /** The ways to start work, for a request with a tenant and for one without. */
    public abstract static class Starts {

        @Inject
        Work work;

        @Inject
        TenantRunner tenants;

        @Resource(lookup = EXECUTOR)
        ManagedExecutorService executor;

        @Resource(lookup = "java:app/tenancy/TenantScheduledExecutor")
        ManagedScheduledExecutorService scheduler;

        @Resource
        ManagedExecutorService serversDefault;

        @GET
        @Path("{how}")
        public JsonObject start(@PathParam("how") String how) throws Exception {
            return switch (how) {
                case "executor" -> done(executor.submit(work::observe));
                case "asynchronous" -> done(work.observeAsynchronously());
                case "scheduled" -> done(scheduler.schedule(work::observe, 10, TimeUnit.MILLISECONDS));
                case "stages" ->
                    done(executor.supplyAsync(() -> "first")
                            .thenApplyAsync(first -> work.observe())
                            .thenCombineAsync(executor.supplyAsync(() -> "other"), (seen, other) -> seen));
                case "wrapped" -> done(serversDefault.submit(tenants.contextualCallable(work::observe)));
                case "servers-default" -> done(serversDefault.submit(work::observe));
                default -> throw new NotFoundException();
            };
        }

        /**
         * {@code n} tasks, all submitted before the first is awaited: on the tenancy executor, or
         * ({@code wrapped}) bound by {@code TenantRunner} on the server's default one.
         */
        @GET
        @Path("burst/{how}/{n}")
        public JsonObject burst(@PathParam("how") String how, @PathParam("n") int n) throws Exception {
            List<Future<JsonObject>> submitted = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                submitted.add(
                        how.equals("wrapped")
                                ? serversDefault.submit(tenants.contextualCallable(work::observe))
                                : executor.submit((Callable<JsonObject>) work::observe));
            }
            JsonArrayBuilder seen = Json.createArrayBuilder();
            for (Future<JsonObject> task : submitted) {
                seen.add(done(task));
            }
            return Json.createObjectBuilder().add("tasks", seen).build();
        }

        private static JsonObject done(Future<JsonObject> task)
                throws InterruptedException, ExecutionException, TimeoutException {
            return task.get(30, TimeUnit.SECONDS);
        }
    }

    @Path("test/async")
    @TenantScoped
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Scoped extends Starts {}

    /** Not {@code @TenantScoped}: the work it starts has no tenant. */
    @Path("test/async-untenanted")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Unscoped extends Starts {}

    @Path("test/jobs")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Jobs {

        @Inject
        TenantRunner tenants;

        @Inject
        TenantContext tenant;

        @Inject
        Documents documents;

        @Inject
        DocumentCountJob documentCount;

        /**
         * Counts each tenant's documents; the tenant {@code fail} first writes a document, then
         * throws, so its rollback shows too.
         */
        @POST
        @Path("each")
        public JsonObject each(@QueryParam("fail") String fail) {
            Map<String, Integer> runs = new ConcurrentHashMap<>();
            Map<String, Long> counts = new ConcurrentHashMap<>();
            TenantJobReport report = tenants.forEachTenant(() -> {
                String id = tenant.require().id();
                runs.merge(id, 1, Integer::sum);
                if (id.equals(fail)) {
                    documents.create("written before the failure", "rolled back");
                    throw new IllegalStateException("fails on purpose");
                }
                counts.put(id, documents.count());
            });
            JsonObjectBuilder failed = Json.createObjectBuilder();
            report.failed().forEach(f -> failed.add(f.tenantId(), f.error().getMessage()));
            JsonObjectBuilder ran = Json.createObjectBuilder();
            runs.forEach(ran::add);
            JsonObjectBuilder counted = Json.createObjectBuilder();
            counts.forEach(counted::add);
            return Json.createObjectBuilder()
                    .add("succeeded", Json.createArrayBuilder(report.succeeded()))
                    .add("failed", failed)
                    .add("skipped", Json.createArrayBuilder(report.skipped()))
                    .add("runs", ran)
                    .add("counts", counted)
                    .build();
        }

        @GET
        @Path("document-count")
        public JsonObject lastDocumentCount() {
            JsonObjectBuilder counts = Json.createObjectBuilder();
            documentCount.lastCounts().forEach(counts::add);
            return counts.build();
        }
    }
}
