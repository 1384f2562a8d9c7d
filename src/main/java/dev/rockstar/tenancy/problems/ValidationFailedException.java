package dev.rockstar.tenancy.problems;

/** A malformed body or parameter; the message names the field, and so does {@link #field()} where there is one. */
public class ValidationFailedException extends ProblemException {

    public ValidationFailedException(String detail) {
        super(ProblemCode.VALIDATION_FAILED, detail);
    }

    /** @param field the field refused, as the request spells it ({@code "hosts[1]"}) */
    public ValidationFailedException(String field, String detail) {
        super(ProblemCode.VALIDATION_FAILED, field, detail);
    }
}
