/** Tenant-owned entities of the reference feature: documents and their comments. */
package dev.rockstar.tenancy.documents.entity;
