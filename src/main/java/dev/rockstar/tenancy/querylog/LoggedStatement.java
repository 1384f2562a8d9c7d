package dev.rockstar.tenancy.querylog;

import java.time.Instant;

/**
 * One statement of a tenant as its query log keeps it.
 *
 * @param values the bind values as text, or {@code null} when they are redacted
 * @param rows rows a query returned, or rows a write changed
 */
public record LoggedStatement(Instant at, String sql, String values, long nanos, long rows) {

    public double millis() {
        return nanos / 1_000_000.0;
    }
}
