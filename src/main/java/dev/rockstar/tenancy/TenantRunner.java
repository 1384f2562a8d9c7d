package dev.rockstar.tenancy;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Runs a piece of work as a tenant, outside a tenant-scoped request: a scheduled job, a message
 * listener, a task on an executor. Inside, {@link TenantContext}, the {@link TenantData}
 * {@code EntityManager}, {@link TenantCache} and {@link TenantConfiguration} all see that tenant;
 * afterwards the thread has the tenant it had before (usually none), so a pooled thread never
 * keeps it.
 * <pre>
 * &#64;Inject TenantRunner tenants;
 * ...
 * long open = tenants.call("acme", () -&gt; invoices.countOpen());
 * tenants.run("acme", () -&gt; reports.rebuild());
 * executor.submit(tenants.contextualCallable(() -&gt; invoices.countOpen()));   // this request's tenant
 * TenantJobReport report = tenants.forEachTenant(() -&gt; drafts.purgeOlderThan(days30));
 * </pre>
 * Only a registered, active tenant can be run as: an unknown id throws a
 * {@code TENANT_NOT_FOUND} problem, a suspended one {@code TENANT_INACTIVE}. A read-only tenant
 * is run as, for reading: a write of its rows throws {@code TENANT_READ_ONLY} and rolls the
 * transaction back. Calls nest.
 */
public interface TenantRunner {

    <T> T call(String tenantId, Supplier<T> work);

    void run(String tenantId, Runnable work);

    /**
     * The work, bound to the tenant active now (or to none): wherever and whenever it runs, on
     * any executor or thread, it runs as that tenant, and the thread gets its own tenant back
     * afterwards. Work captured with no tenant runs with none, even on a thread that has one.
     * If the tenant is suspended or deleted before the work runs, it runs with none, so it fails
     * closed with {@link NoTenantException} on the tenant's data. The explicit form of what the
     * {@code java:app/tenancy/TenantExecutor} executors do by themselves.
     */
    Runnable contextualRunnable(Runnable work);

    /** {@link #contextualRunnable(Runnable)} for a {@code Callable}, as {@code ExecutorService.submit} takes. */
    <T> Callable<T> contextualCallable(Callable<T> work);

    /** {@link #contextualRunnable(Runnable)} for a {@code Supplier}, as {@code CompletableFuture.supplyAsync} takes. */
    <T> Supplier<T> contextualSupplier(Supplier<T> work);

    /**
     * Runs the work once as each active tenant, one after the other in the order of their ids,
     * each in a transaction of its own: a tenant whose work throws is rolled back and reported,
     * and the others still run. Suspended tenants are skipped; read-only ones run, and are reported
     * failed where their work writes (503 {@code TENANT_READ_ONLY}). Call it where no transaction is
     * active (a scheduled task), since each tenant's transaction suspends the caller's.
     */
    TenantJobReport forEachTenant(Runnable work);
}
