/**
 * Where each tenant's rows live: {@code shared} or a schema placement declared at deployment
 * ({@code tenancy.placements}), and moves of a tenant between them while it is frozen, as a
 * recorded state machine any node can resume (docs/PLACEMENTS.md).
 */
package dev.rockstar.tenancy.placement;
