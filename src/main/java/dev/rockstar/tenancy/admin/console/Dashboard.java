package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.admin.control.QuotaUsage;
import dev.rockstar.tenancy.admin.control.QuotaUse;
import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.audit.control.AuditPriority;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The console's first page: how many tenants, the busiest of them as a chart of requests per
 * minute (this node's own per-tenant counts, bounded like the metrics series), and the tenants
 * nearest their quotas; and how many audit entries this node dropped since it started because
 * its audit queue was full, security entries apart (any at all means the log has gaps).
 */
@Named
@RequestScoped
public class Dashboard {

    static final int CHART_SERIES = 6;
    static final int QUOTA_ROWS = 8;

    @Inject
    TenantMetrics metrics;

    @Inject
    QuotaUsage quotas;

    @Inject
    TenantRegistry registry;

    @Inject
    AuditLog audit;

    private RequestsChart chart;
    private List<QuotaUse> nearest;
    private long tenants;
    private long suspended;
    private long readOnly;
    private long auditDropped;
    private long securityDropped;

    @PostConstruct
    void load() {
        chart = new RequestsChart(metrics.busiest(CHART_SERIES), TenantMetrics.recentMinutes());
        nearest = quotas.nearest(QUOTA_ROWS);
        tenants = registry.count(TenantRegistry.Search.ALL);
        suspended = registry.count(new TenantRegistry.Search(null, TenantStatus.SUSPENDED));
        readOnly = registry.count(new TenantRegistry.Search(null, TenantStatus.READ_ONLY));
        securityDropped = audit.dropped(AuditPriority.SECURITY);
        auditDropped = securityDropped + audit.dropped(AuditPriority.BULK);
    }

    /** Audit entries this node dropped since it started, of any priority. */
    public long getAuditDropped() {
        return auditDropped;
    }

    public long getSecurityDropped() {
        return securityDropped;
    }

    public RequestsChart getChart() {
        return chart;
    }

    public List<QuotaUse> getNearest() {
        return nearest;
    }

    public long getTenants() {
        return tenants;
    }

    public long getSuspended() {
        return suspended;
    }

    public long getReadOnly() {
        return readOnly;
    }

    public int getMinutes() {
        return TenantMetrics.recentMinutes();
    }
}
