package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.persistence.ReadOnlyTenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * {@link ReadOnlyTenants} for the persistence layer's guard, asked before every write statement:
 * from memory wherever it can be. The directory's picture first (forgotten on every committed
 * change, on this node at once and on the others through the change feed), then the picture the
 * request or job bound (resolution reads by host, which is another index), and the database
 * only for a tenant neither holds.
 */
@ApplicationScoped
class ReadOnlyTenantLookup implements ReadOnlyTenants {

    @Inject
    TenantDirectory directory;

    @Inject
    RequestTenant context;

    @Override
    public boolean isReadOnly(String tenantId) {
        Optional<TenantInfo> cached = directory.cachedById(tenantId);
        if (cached == null) {
            cached = bound(tenantId).or(() -> directory.byId(tenantId));
        }
        return cached.map(tenant -> tenant.status() == TenantStatus.READ_ONLY).orElse(false);
    }

    private Optional<TenantInfo> bound(String tenantId) {
        try {
            return context.current().filter(tenant -> tenant.id().equals(tenantId));
        } catch (ContextNotActiveException noRequest) {
            return Optional.empty();
        }
    }
}
