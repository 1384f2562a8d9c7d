/** Per-tenant request counts and timings, through one class that hides which metrics API the server has. */
package dev.rockstar.tenancy.metrics;
