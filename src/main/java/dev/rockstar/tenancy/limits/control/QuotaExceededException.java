package dev.rockstar.tenancy.limits.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;

/** A tenant limit such as {@code maxDocuments} is reached; nothing was stored. */
public class QuotaExceededException extends ProblemException {

    public QuotaExceededException(String limit, long value) {
        super(ProblemCode.QUOTA_EXCEEDED, "The tenant's limit " + limit + " (" + value + ") is reached");
    }
}
