/** Tenant-scoped caching on the server's JCache, three ways with one key: {@link dev.rockstar.tenancy.caching.TenantCached}, the JCache annotations with {@link dev.rockstar.tenancy.caching.TenantCacheKeyGenerator}, and {@link dev.rockstar.tenancy.caching.TenantCache}. */
package dev.rockstar.tenancy.caching;
