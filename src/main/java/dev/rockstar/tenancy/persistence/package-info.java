/** The database underneath: schema migrations and, for tenant-owned entities, the tenant's EntityManager. */
package dev.rockstar.tenancy.persistence;
