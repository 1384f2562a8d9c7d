/** Who may call what, with Jakarta Security: operators on the admin API (HTTP Basic) and in the console (a sign-in form), tenant users in their tenant. */
package dev.rockstar.tenancy.security;
