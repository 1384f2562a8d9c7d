package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.persistence.ReadOnlyTenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * {@link ReadOnlyTenants} for the persistence layer's guard, asked before every write statement,
 * from memory only: a query of its own there would run inside another statement's execution
 * (on PostgreSQL it cost the statement its tenant setting). The directory's picture first
 * (forgotten on every committed change, on this node at once and on the others through the change
 * feed), else the picture the request, job or task bound when it began: every tenant-bound
 * {@code EntityManager} has one. An operator's {@code EntityManager} for a tenant no one asked for
 * lately is not known here: the operators' paths that write check the status themselves.
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
        return (cached != null ? cached : bound(tenantId))
                .map(tenant -> tenant.status() == TenantStatus.READ_ONLY)
                .orElse(false);
    }

    private Optional<TenantInfo> bound(String tenantId) {
        try {
            return context.current().filter(tenant -> tenant.id().equals(tenantId));
        } catch (ContextNotActiveException noRequest) {
            return Optional.empty();
        }
    }
}
