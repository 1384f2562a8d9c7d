/** JAX-RS filters that apply a tenant's limits and feature flags before the resource runs. */
package dev.rockstar.tenancy.limits.boundary;
