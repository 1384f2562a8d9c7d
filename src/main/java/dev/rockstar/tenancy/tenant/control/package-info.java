/** Resolution, the registry and its in-memory index: the mechanics behind {@code @TenantScoped}. */
package dev.rockstar.tenancy.tenant.control;
