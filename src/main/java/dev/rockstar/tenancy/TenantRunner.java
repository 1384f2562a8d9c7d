package dev.rockstar.tenancy;

import java.util.function.Supplier;

/**
 * Runs a piece of work as a tenant, outside a tenant-scoped request: a scheduled job, a message
 * listener, a task on a managed executor. Inside, {@link TenantContext}, the {@link TenantData}
 * {@code EntityManager}, {@link TenantCache} and {@link TenantConfiguration} all see that tenant;
 * afterwards the thread has the tenant it had before (usually none), so a pooled thread never
 * keeps it.
 * <pre>
 * &#64;Inject TenantRunner tenants;
 * ...
 * long open = tenants.call("acme", () -&gt; invoices.countOpen());
 * tenants.run("acme", () -&gt; reports.rebuild());
 * </pre>
 * Only a registered, active tenant can be run as: an unknown id throws a
 * {@code TENANT_NOT_FOUND} problem, a suspended one {@code TENANT_INACTIVE}. Calls nest.
 */
public interface TenantRunner {

    <T> T call(String tenantId, Supplier<T> work);

    void run(String tenantId, Runnable work);
}
