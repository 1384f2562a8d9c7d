/** Several nodes over one database behave as one: the change feed every node follows, and the live nodes that share a tenant's rate. */
package dev.rockstar.tenancy.cluster;
