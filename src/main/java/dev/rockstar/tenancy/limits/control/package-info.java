/** The rate limiter and the refusals of the limits component. */
package dev.rockstar.tenancy.limits.control;
