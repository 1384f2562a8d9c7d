/** Where requests meet tenancy: the resolution filters and the tenant's own info endpoint. */
package dev.rockstar.tenancy.tenant.boundary;
