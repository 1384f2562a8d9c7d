/** The documents use case, written as application code should be: no tenant id in sight. */
package dev.rockstar.tenancy.documents.control;
