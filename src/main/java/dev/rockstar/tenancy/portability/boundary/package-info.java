/** The admin API's archive calls: export a tenant, restore one, verify one against an archive. */
package dev.rockstar.tenancy.portability.boundary;
