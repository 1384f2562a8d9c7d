/**
 * Rockstar Tenancy's public API: everything application code imports, and nothing else. Every
 * other package is implementation and may change between versions. The types below in the order
 * a developer meets them while adding a tenant-scoped feature.
 *
 * <h2>1. A resource that serves a tenant: {@link dev.rockstar.tenancy.TenantScoped}</h2>
 * <pre>
 * &#64;Path("invoices") &#64;TenantScoped &#64;ApplicationScoped
 * public class InvoicesResource { ... }       // unknown host 404, suspended tenant 403
 * </pre>
 * A read-only tenant is served for reading; its {@code POST}, {@code PUT}, {@code PATCH} and
 * {@code DELETE} answer 503 unless marked {@link dev.rockstar.tenancy.ChangesNoData}:
 * <pre>
 * &#64;POST &#64;Path("search") &#64;ChangesNoData public ... search(String query) { ... }
 * </pre>
 *
 * <h2>2. Who the tenant is: {@link dev.rockstar.tenancy.TenantContext} and {@link dev.rockstar.tenancy.TenantInfo}</h2>
 * <pre>
 * &#64;Inject TenantContext tenant;
 * TenantInfo info = tenant.require();         // id, name, status, hosts, config, createdAt
 * </pre>
 *
 * <h2>3. Its data: {@link dev.rockstar.tenancy.TenantData}, {@link dev.rockstar.tenancy.TenantDiscriminator}, {@link dev.rockstar.tenancy.GlobalEntity}</h2>
 * <pre>
 * &#64;Entity &#64;Multitenant(MultitenantType.SINGLE_TABLE)
 * &#64;TenantDiscriminatorColumn(name = TenantDiscriminator.COLUMN,
 *         contextProperty = TenantDiscriminator.CONTEXT_PROPERTY, length = 63, primaryKey = true)
 * public class Invoice { ... }
 *
 * &#64;Inject &#64;TenantData EntityManager em;     // reads and writes only the tenant's rows
 *
 * &#64;Entity &#64;GlobalEntity public class Currency { ... }   // deliberately shared by all tenants
 * </pre>
 *
 * <h2>4. Its cache: {@link dev.rockstar.tenancy.TenantCached} and {@link dev.rockstar.tenancy.TenantCache}</h2>
 * <pre>
 * &#64;TenantCached public Summary summary(String month) { ... }   // one entry per tenant and month
 * &#64;CacheResult public Rate rate(String code) { ... }           // JSR-107 annotations key by tenant too
 * &#64;Inject TenantCache cache;  cache.put("last-export", when);
 * </pre>
 *
 * <h2>5. Its settings: {@link dev.rockstar.tenancy.TenantConfiguration}, {@link dev.rockstar.tenancy.TenantConfig}, {@link dev.rockstar.tenancy.RequiresFeature}</h2>
 * <pre>
 * &#64;Inject TenantConfiguration settings;
 * settings.limit("maxDocuments");             // defaults beneath the tenant's own
 * &#64;GET &#64;Path("export") &#64;RequiresFeature("exports") public ... export() { ... }
 * </pre>
 *
 * <h2>6. Its lifecycle: {@link dev.rockstar.tenancy.TenantEvent} and {@link dev.rockstar.tenancy.TenantStatus}</h2>
 * <pre>
 * void on(&#64;Observes(during = TransactionPhase.AFTER_SUCCESS) TenantEvent event) { ... }
 * if (tenant.require().writable()) { ... }    // ACTIVE; READ_ONLY is served but frozen
 * </pre>
 *
 * <h2>7. Outside a request and in async work: {@link dev.rockstar.tenancy.TenantRunner} and {@link dev.rockstar.tenancy.TenantJobReport}</h2>
 * <pre>
 * &#64;Inject TenantRunner tenants;
 * tenants.run("acme", () -&gt; reports.rebuild());
 * &#64;Resource(lookup = "java:app/tenancy/TenantExecutor") ManagedExecutorService executor;
 * executor.submit(() -&gt; reports.rebuild());                     // runs as the request's tenant
 * anyExecutor.submit(tenants.contextualCallable(() -&gt; reports.rebuild()));   // explicitly
 * TenantJobReport report = tenants.forEachTenant(() -&gt; drafts.purge());   // once per active tenant
 * </pre>
 *
 * <h2>8. When it goes wrong: {@link dev.rockstar.tenancy.InvalidInputException} and {@link dev.rockstar.tenancy.NoTenantException}</h2>
 * <pre>
 * throw new InvalidInputException("text must not be empty");   // 400 VALIDATION_FAILED, problem+json
 * </pre>
 * {@code NoTenantException}: tenant data, cache or settings touched where no tenant is active; a
 * bug, never a fallback.
 */
package dev.rockstar.tenancy;
