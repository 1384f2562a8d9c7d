package dev.rockstar.tenancy.limits.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;
import java.util.Map;

/** Failed logins for an account or from an address are being throttled; {@code Retry-After} says until when. */
class TooManyAttemptsException extends ProblemException {

    TooManyAttemptsException(long retryAfterSeconds) {
        super(
                ProblemCode.TOO_MANY_ATTEMPTS,
                "Too many failed logins; retry after " + retryAfterSeconds + " s",
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }
}
