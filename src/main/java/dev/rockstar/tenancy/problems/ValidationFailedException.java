package dev.rockstar.tenancy.problems;

/** A malformed body or parameter; the message names the field. */
public class ValidationFailedException extends ProblemException {

    public ValidationFailedException(String detail) {
        super(ProblemCode.VALIDATION_FAILED, detail);
    }
}
