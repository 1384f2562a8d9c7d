/** The one JSON-P provider every component builds and reads JSON with. */
package dev.rockstar.tenancy.json;
