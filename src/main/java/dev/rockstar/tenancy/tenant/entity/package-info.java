/** What a tenant is: the persisted registry entry and the immutable views the rest of the code reads. */
package dev.rockstar.tenancy.tenant.entity;
