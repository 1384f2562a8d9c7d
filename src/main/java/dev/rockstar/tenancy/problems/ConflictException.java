package dev.rockstar.tenancy.problems;

/** A duplicate tenant id, or a host that another tenant owns. */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(ProblemCode.CONFLICT, detail);
    }
}
