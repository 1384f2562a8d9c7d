package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;

/** A host that is neither a DNS name nor an IP literal, or longer than DNS allows: 400 {@code HOST_INVALID}. */
class InvalidHostException extends ProblemException {

    public InvalidHostException(String reason) {
        super(ProblemCode.HOST_INVALID, reason);
    }
}
