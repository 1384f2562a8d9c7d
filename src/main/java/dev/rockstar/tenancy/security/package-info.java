/** Who may call what: operator authentication for the admin API, with Jakarta Security. */
package dev.rockstar.tenancy.security;
