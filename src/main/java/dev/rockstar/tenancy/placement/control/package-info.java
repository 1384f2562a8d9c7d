/** Moving a tenant between placements, step by step, under a lease that any node takes over when its mover dies. */
package dev.rockstar.tenancy.placement.control;
