/** The tenant-facing endpoint of the tenant component: {@code /api/tenant/info}. */
package dev.rockstar.tenancy.tenant.boundary;
