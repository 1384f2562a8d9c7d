/** One tenant's SQL, watched on operator's demand: its statements and their durations, on every node, for a while. */
package dev.rockstar.tenancy.querylog;
