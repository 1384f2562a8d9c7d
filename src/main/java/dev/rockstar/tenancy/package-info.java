/** Rockstar Tenancy: host-based multi-tenancy for Jakarta EE. Start with {@link dev.rockstar.tenancy.TenantScoped}. */
package dev.rockstar.tenancy;
