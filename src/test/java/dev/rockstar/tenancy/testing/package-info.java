/**
 * What the integration tests share: the deployment under test, an HTTP client that can be any host,
 * one way to wait ({@link dev.rockstar.tenancy.testing.Wait}), the PostgreSQL roles
 * ({@link dev.rockstar.tenancy.testing.PostgresRole}) and a Prometheus text parser
 * ({@link dev.rockstar.tenancy.testing.PrometheusText}).
 */
package dev.rockstar.tenancy.testing;
