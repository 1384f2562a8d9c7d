/**
 * Moving, copying, backing up and restoring one tenant: a verified tenant archive (a zip of its
 * registry entry and one NDJSON file per tenant-owned table) that any server and database of the
 * product reads back (docs/PORTABILITY.md).
 */
package dev.rockstar.tenancy.portability;
