/** {@code PUT /api/admin/tenants/{id}/placement} and the moves it starts, to poll. */
package dev.rockstar.tenancy.placement.boundary;
