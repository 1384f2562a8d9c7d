package dev.rockstar.tenancy.limits.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;
import java.util.Map;

/** The tenant used up its {@code requestsPerSecond}; {@code Retry-After} says when to come back. */
class RateLimitedException extends ProblemException {

    public RateLimitedException(long retryAfterSeconds) {
        super(
                ProblemCode.RATE_LIMITED,
                "Too many requests for this tenant; retry after " + retryAfterSeconds + " s",
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }
}
