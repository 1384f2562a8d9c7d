/**
 * The tenant on every span of a tenant's request, as the attribute {@value
 * dev.rockstar.tenancy.tracing.TenantSpans#ATTRIBUTE}, where the server has MicroProfile Telemetry
 * or OpenTelemetry (Payara 6 and 7, WildFly with its {@code opentelemetry} subsystem) and it is
 * turned on. Nothing here needs OpenTelemetry: the classes that use it are loaded only where the
 * server provides it, and the WAR bundles none of it.
 */
package dev.rockstar.tenancy.tracing;
