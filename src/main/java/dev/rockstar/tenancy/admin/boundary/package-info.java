/** The operators' REST API under {@code /api/admin}. */
package dev.rockstar.tenancy.admin.boundary;
