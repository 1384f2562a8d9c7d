/** The JAX-RS application and what its resources share for reading requests. */
package dev.rockstar.tenancy.rest;
