package dev.rockstar.tenancy.admin.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.documents.control.DocumentCounts;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;

/**
 * The tenants nearest their limits: documents against {@code maxDocuments} (the counts kept per
 * tenant, one row each: no counting of documents, docs/BENCHMARKS.md), and the busiest recent
 * minute against {@code requestsPerSecond}. Limits come
 * from each tenant's effective settings, defaults included, as the enforcement sees them.
 */
@ApplicationScoped
public class QuotaUsage {

    static final String MAX_DOCUMENTS = "maxDocuments";
    static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    private static final int BUSIEST_CONSIDERED = 1000;

    @Inject
    TenantRegistry registry;

    @Inject
    DocumentCounts documentCounts;

    @Inject
    TenantMetrics metrics;

    public List<QuotaUse> nearest(int limit) {
        List<QuotaUse> uses = new ArrayList<>();
        Map<String, Long> documents = documentCounts.perTenant();
        documents.forEach((tenantId, rows) -> limitOf(tenantId, MAX_DOCUMENTS)
                .ifPresent(max -> uses.add(new QuotaUse(tenantId, MAX_DOCUMENTS, rows, max))));
        metrics.busiest(BUSIEST_CONSIDERED).forEach(recent -> limitOf(recent.tenantId(), REQUESTS_PER_SECOND)
                .ifPresent(max -> uses.add(new QuotaUse(recent.tenantId(), REQUESTS_PER_SECOND, recent.peakPerSecond(), max))));
        return uses.stream()
                .filter(use -> use.used() > 0)
                .sorted(Comparator.comparingDouble(QuotaUse::share).reversed().thenComparing(QuotaUse::tenantId))
                .limit(limit)
                .toList();
    }

    private Optional<Long> limitOf(String tenantId, String name) {
        return registry.effectiveConfig(tenantId).map(TenantConfig::limits).map(limits -> limits.get(name));
    }
}
