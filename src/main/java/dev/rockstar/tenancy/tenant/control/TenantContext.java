package dev.rockstar.tenancy.tenant.control;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import dev.rockstar.tenancy.tenant.entity.TenantInfo;

/**
 * The tenant of the current request, for every bean that takes part in it:
 * <pre>
 * &#64;Inject TenantContext tenant;
 * ...
 * String id = tenant.require().id();
 * </pre>
 * A tenant is present only in resources annotated {@code @TenantScoped}; everywhere else the
 * request runs with no tenant, even on a tenant's host, so that operator code can never be
 * scoped to a tenant by accident of the host it was called on.
 */
@RequestScoped
public class TenantContext {

    private String host;
    private TenantInfo owner;
    private TenantInfo tenant;

    /** The tenant of this request, if the resource is tenant-scoped. */
    public Optional<TenantInfo> current() {
        return Optional.ofNullable(tenant);
    }

    /** @throws NoTenantException when the request has no tenant: fail closed, never fall back */
    public TenantInfo require() {
        if (tenant == null) {
            throw new NoTenantException();
        }
        return tenant;
    }

    /** The normalised host the request was resolved from. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    void resolved(String host, TenantInfo owner) {
        this.host = host;
        this.owner = owner;
        this.tenant = null;
    }

    Optional<TenantInfo> owner() {
        return Optional.ofNullable(owner);
    }

    void bind(TenantInfo tenant) {
        this.tenant = tenant;
    }
}
