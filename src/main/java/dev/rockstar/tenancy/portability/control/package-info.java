/** Writing, reading, restoring and verifying tenant archives, for the admin API and the console alike. */
package dev.rockstar.tenancy.portability.control;
