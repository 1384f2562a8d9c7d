/** What the integration tests share: the deployment under test and an HTTP client that can be any host. */
package dev.rockstar.tenancy.testing;
