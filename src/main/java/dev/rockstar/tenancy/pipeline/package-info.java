/**
 * The request pipeline: every filter that tenancy puts in front of a resource, drawn below in the
 * order it runs. This drawing is the one place that order is written down; the priorities of
 * {@link dev.rockstar.tenancy.pipeline.Pipeline} produce it, and steps 4 to 8 run in one filter,
 * in that order, in {@link dev.rockstar.tenancy.pipeline.TenantScopeFeature}.
 * <pre>
 * request enters  logging.LogEnrichment: the request's id, on its log lines and in its problem documents
 * servlet level   logging.RequestIdFilter (X-Request-Id, first filter) ─ SecurityHeadersFilter (every response)
 *                 ─ TenancyAuthentication (Jakarta Security)
 *                 TenantPageFilter (the Faces landing page: resolution + tenant required)
 *      │
 * JAX-RS, pre-matching
 *   1  RequestTimingFilter      starts the clock; on the way out counts and times the tenant's request
 *   2  RequestBodyLimit         a body above tenancy.request.max-body-bytes 413 PAYLOAD_TOO_LARGE, unread
 *      RequestBodyType          a body without a Content-Type 415 UNSUPPORTED_MEDIA_TYPE
 *   3  TenantResolutionFilter   Host (or a trusted proxy's X-Forwarded-Host) → owner of the host, not yet bound
 *      │  resource matched
 * JAX-RS, @TenantScoped or @RequiresFeature methods (TenantScopeFeature, one filter each)
 *   4  tenant required          no owner 404 TENANT_NOT_FOUND · suspended 403 TENANT_INACTIVE · binds it
 *                               (a READ_ONLY tenant is bound: it is served for reading)
 *   5  rate limit               over requestsPerSecond 429 RATE_LIMITED
 *   6  session of that tenant   another tenant's session 403 TENANT_MISMATCH, audited
 *   7  feature flag             @RequiresFeature off 403 FEATURE_DISABLED
 *   8  read-only                a READ_ONLY tenant's POST, PUT, PATCH, DELETE 503 TENANT_READ_ONLY,
 *                               unless @ChangesNoData (GET, HEAD, OPTIONS always pass)
 * JAX-RS, every method
 *      tracing.TenantSpanFilter the bound tenant as tenant.id on the request's span (where OpenTelemetry is)
 * JAX-RS, methods with @RolesAllowed / @DenyAll (RolesAllowedFeature)
 *   9  roles                    no login 401 UNAUTHORIZED · no role 403 FORBIDDEN
 *      │
 * resource method ─ CDI interceptors: @Transactional, then @TenantCached / JSR-107 cache interceptors
 *      │
 * persistence: a write of a READ_ONLY tenant's rows that got past step 8 (a GET, a job, async
 *              work) is refused statement by statement (persistence.ReadOnlyGuard): 503 TENANT_READ_ONLY
 * </pre>
 * Methods without either annotation run with no tenant, even on a tenant's host.
 */
package dev.rockstar.tenancy.pipeline;
