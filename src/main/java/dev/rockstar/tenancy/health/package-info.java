/**
 * Health checks for a load balancer or Kubernetes, in MicroProfile Health's JSON: whether this
 * node can serve tenants (its database answers, its migrations ran, it follows the change feed,
 * each placement is up). The checks are CDI beans the server's MicroProfile Health collects; on a
 * server without it, {@link dev.rockstar.tenancy.health.HealthEndpoint} answers the same JSON at
 * the same paths. No check carries a tenant or a tenant's data.
 */
package dev.rockstar.tenancy.health;
