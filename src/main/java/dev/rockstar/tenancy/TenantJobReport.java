package dev.rockstar.tenancy;

import java.util.List;

/**
 * What one {@link TenantRunner#forEachTenant(Runnable)} did, tenant by tenant, ids in the order
 * they ran:
 * <pre>
 * TenantJobReport report = tenants.forEachTenant(() -&gt; drafts.purge());
 * report.failed().forEach(f -&gt; LOG.log(Level.WARNING, "purge failed for " + f.tenantId(), f.error()));
 * </pre>
 *
 * @param succeeded the tenants whose work completed (and committed)
 * @param failed    the tenants whose work threw, with what it threw
 * @param skipped   the suspended tenants, whose work did not run
 */
public record TenantJobReport(List<String> succeeded, List<Failure> failed, List<String> skipped) {

    public TenantJobReport {
        succeeded = List.copyOf(succeeded);
        failed = List.copyOf(failed);
        skipped = List.copyOf(skipped);
    }

    /** One tenant's work threw; the error is kept whole for the log. */
    public record Failure(String tenantId, RuntimeException error) {}

    public boolean allSucceeded() {
        return failed.isEmpty();
    }
}
