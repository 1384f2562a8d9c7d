package dev.rockstar.tenancy.problems;

/** Missing or wrong credentials, or no session where one is needed. */
public class UnauthorizedException extends ProblemException {

    public UnauthorizedException(String detail) {
        super(ProblemCode.UNAUTHORIZED, detail);
    }
}
