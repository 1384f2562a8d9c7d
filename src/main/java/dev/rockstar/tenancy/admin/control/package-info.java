/** What operators read about tenants beyond the registry: footprints and quota use, for the API and the console alike. */
package dev.rockstar.tenancy.admin.control;
