/**
 * Tenant-scoped caching on the application's JCache: the {@code TenantCache} and
 * {@code @TenantCached} of the public API, the tenant-keyed JSR-107 annotation interceptors, the
 * cache key, and per-tenant eviction.
 */
package dev.rockstar.tenancy.caching;
