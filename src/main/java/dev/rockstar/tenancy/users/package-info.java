/** Tenant users: per-tenant accounts, logins and tenant-bound sessions. */
package dev.rockstar.tenancy.users;
