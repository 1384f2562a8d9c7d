package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.NoTenantException;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.logging.LogTags;
import java.util.Optional;

/**
 * The {@link TenantContext} of one request (or of one {@link RunAsTenant} scope): what the host
 * resolved to, and whether the request runs for that tenant. Only this package changes it.
 * Request-scoped, made by {@link TenantResolver#requestTenant()}.
 */
class RequestTenant implements TenantContext {

    private String host;
    private TenantInfo owner;
    private TenantInfo tenant;

    @Override
    public Optional<TenantInfo> current() {
        return Optional.ofNullable(tenant);
    }

    @Override
    public TenantInfo require() {
        if (tenant == null) {
            throw new NoTenantException();
        }
        return tenant;
    }

    @Override
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    void resolved(String host, TenantInfo owner) {
        this.host = host;
        this.owner = owner;
        if (this.tenant != null) {
            LogTags.tenant(null);
        }
        this.tenant = null;
    }

    Optional<TenantInfo> owner() {
        return Optional.ofNullable(owner);
    }

    /**
     * The owner made the request's tenant when it is active, in one call: each call from outside
     * goes through the request scope's proxy, a context lookup per call on every request.
     *
     * @return the owner, or {@code null} (nothing bound) when there is none or it is not active
     */
    TenantInfo bindActiveOwner() {
        if (owner == null || !owner.active()) {
            return null;
        }
        bind(owner);
        return owner;
    }

    /** @return the tenant it replaces, to be restored when a nested scope ends */
    TenantInfo bind(TenantInfo tenant) {
        TenantInfo previous = this.tenant;
        this.tenant = tenant;
        // Bound and unbound on the thread that runs the tenant's work: its log records name it.
        LogTags.tenant(tenant == null ? null : tenant.id());
        return previous;
    }
}
