package dev.rockstar.tenancy.problems;

import java.util.Map;

/**
 * A statement of a tenant whose placement cannot be reached (its migrations failed and are being
 * retried, or the registry cannot be read): 503 {@code UNAVAILABLE} with {@code Retry-After},
 * thrown instead of the statement, so its transaction rolls back whole. Other tenants are served.
 */
public class PlacementUnavailableException extends ProblemException {

    /** How long a client waits before it tries again: a placement's migrations are retried this often by default. */
    public static final int RETRY_AFTER_SECONDS = 30;

    public PlacementUnavailableException(String detail) {
        this(detail, RETRY_AFTER_SECONDS);
    }

    /** @param retryAfterSeconds when the client may try again: sooner for what ends in moments */
    public PlacementUnavailableException(String detail, int retryAfterSeconds) {
        super(
                ProblemCode.UNAVAILABLE,
                detail + "; nothing was changed. Retry after " + retryAfterSeconds + " s",
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }
}
