package dev.rockstar.tenancy;

import java.util.Optional;

/**
 * The tenant of the current request, read-only, for every bean that takes part in it:
 * <pre>
 * &#64;Inject TenantContext tenant;
 * ...
 * String id = tenant.require().id();
 * </pre>
 * A tenant is present only in resources annotated {@link TenantScoped} (or
 * {@link RequiresFeature}) and in work run through {@link TenantRunner}; everywhere else the
 * request runs with no tenant, even on a tenant's host, so that operator code can never be scoped
 * to a tenant by accident of the host it was called on.
 */
public interface TenantContext {

    /** The tenant of this request, if it runs for one. */
    Optional<TenantInfo> current();

    /** @throws NoTenantException when no tenant is active: fail closed, never fall back */
    TenantInfo require();

    /** The normalised host the request was resolved from; empty outside an HTTP request. */
    Optional<String> host();
}
