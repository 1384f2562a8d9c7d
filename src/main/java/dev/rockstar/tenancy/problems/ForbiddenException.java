package dev.rockstar.tenancy.problems;

/** Authenticated, but without a role the resource requires. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(ProblemCode.FORBIDDEN, detail);
    }
}
