/** The documents REST API under {@code /api/documents}, resolved from the host. */
package dev.rockstar.tenancy.documents.boundary;
