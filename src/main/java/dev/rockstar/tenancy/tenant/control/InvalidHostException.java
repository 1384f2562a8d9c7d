package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;

/** A host that is neither a DNS name nor an IP literal. */
class InvalidHostException extends ProblemException {

    public InvalidHostException(String reason) {
        super(ProblemCode.HOST_INVALID, reason);
    }

    /** @param field the input's field that carried the host ({@code "hosts[1]"}) */
    InvalidHostException(String field, String reason) {
        super(ProblemCode.HOST_INVALID, field, reason);
    }
}
