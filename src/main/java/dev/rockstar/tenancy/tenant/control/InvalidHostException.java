package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;

/** A host that is neither a DNS name nor an IP literal (contract rule 3). */
class InvalidHostException extends ProblemException {

    public InvalidHostException(String reason) {
        super(ProblemCode.HOST_INVALID, reason);
    }
}
