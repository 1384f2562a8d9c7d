/** The reference feature: tenant-owned documents with comments, scoped without a tenant id in sight. */
package dev.rockstar.tenancy.documents;
