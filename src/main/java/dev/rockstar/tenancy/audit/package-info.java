/** The append-only audit log of cross-tenant attempts, operators' changes (through the API or the console) and failed logins. */
package dev.rockstar.tenancy.audit;
