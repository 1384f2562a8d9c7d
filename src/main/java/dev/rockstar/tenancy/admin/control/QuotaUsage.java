package dev.rockstar.tenancy.admin.control;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.documents.control.DocumentCounts;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenants nearest their limits: documents against {@code maxDocuments} (the counts kept per
 * tenant, one row each: no counting of documents, docs/BENCHMARKS.md), and the busiest recent
 * minute against {@code requestsPerSecond}. Limits come
 * from each tenant's effective settings, defaults included, as the enforcement sees them, read for
 * all those tenants at once.
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
        List<TenantMetrics.RecentCounts> busiest = metrics.busiest(BUSIEST_CONSIDERED);
        Set<String> ids = new HashSet<>(documents.keySet());
        busiest.forEach(recent -> ids.add(recent.tenantId()));
        // one read of the registry for all of them, not one a tenant: 10,000 with documents are 20 queries
        Map<String, TenantConfig> configs = registry.effectiveConfigs(ids);
        documents.forEach((tenantId, rows) -> limitOf(configs, tenantId, MAX_DOCUMENTS)
                .ifPresent(max -> uses.add(new QuotaUse(tenantId, MAX_DOCUMENTS, rows, max))));
        busiest.forEach(recent -> limitOf(configs, recent.tenantId(), REQUESTS_PER_SECOND)
                .ifPresent(max ->
                        uses.add(new QuotaUse(recent.tenantId(), REQUESTS_PER_SECOND, recent.peakPerSecond(), max))));
        return uses.stream()
                .filter(use -> use.used() > 0)
                .sorted(Comparator.comparingDouble(QuotaUse::share).reversed().thenComparing(QuotaUse::tenantId))
                .limit(limit)
                .toList();
    }

    private static Optional<Long> limitOf(Map<String, TenantConfig> configs, String tenantId, String name) {
        return Optional.ofNullable(configs.get(tenantId))
                .map(TenantConfig::limits)
                .map(limits -> limits.get(name));
    }
}
