package dev.rockstar.tenancy.pipeline;

import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.Priorities;

/**
 * The priorities that put every tenancy filter and interceptor in the order drawn in this
 * package's {@code package-info}. JAX-RS runs request filters in ascending priority: pre-matching
 * ones first, then those of the matched method.
 */
public final class Pipeline {

    /** Pre-matching, first: the timing covers every other filter too. */
    public static final int TIMING = 1;

    /** Pre-matching: a body above the size limit is refused before anything reads it. */
    public static final int BODY_LIMIT = 2;

    /** Pre-matching: a body that does not say what it is is refused before a reader guesses. */
    public static final int BODY_TYPE = 3;

    /** Pre-matching: the host is resolved once, before the resource is even matched. */
    public static final int RESOLUTION = Priorities.AUTHENTICATION - 100;

    /**
     * The tenant chain of a {@code @TenantScoped} or {@code @RequiresFeature} method, its steps in
     * the order drawn in this package's {@code package-info}. Before authorization: an unknown host
     * answers 404 before a missing login answers 401.
     */
    public static final int TENANT_CHAIN = Priorities.AUTHENTICATION - 50;

    /** Once the tenant chain bound the tenant: its id on the request's span, where there is tracing. */
    public static final int TRACING = TENANT_CHAIN + 10;

    /** {@code @RolesAllowed}, {@code @PermitAll}, {@code @DenyAll}. */
    public static final int ROLES = Priorities.AUTHORIZATION;

    /**
     * The cache interceptors ({@code @TenantCached} and the JSR-107 annotations): after the
     * platform's ({@code @Transactional} at {@code PLATFORM_BEFORE + 200}), so a cached call runs
     * inside the caller's transaction and a rolled-back result is still computed in it.
     */
    public static final int CACHE_INTERCEPTORS = Interceptor.Priority.LIBRARY_AFTER;

    private Pipeline() {}
}
