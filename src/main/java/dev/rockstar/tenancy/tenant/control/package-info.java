/** Resolution, the registry and its in-memory index of the tenants requests ask for: the mechanics behind {@code @TenantScoped}. */
package dev.rockstar.tenancy.tenant.control;
