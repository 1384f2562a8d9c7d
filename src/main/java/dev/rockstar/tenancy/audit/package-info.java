/** The append-only audit log of cross-tenant attempts, operators' changes and failed logins. */
package dev.rockstar.tenancy.audit;
