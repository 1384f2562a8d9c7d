/** White-label pages: each tenant's host shows the tenant's own name, colour and logo. */
package dev.rockstar.tenancy.branding;
