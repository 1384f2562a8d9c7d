package dev.rockstar.tenancy.problems;

/** A duplicate tenant id, or a host that another tenant owns. */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(ProblemCode.CONFLICT, detail);
    }

    /** @param field the field whose value is taken, as the request spells it ({@code "id"}) */
    public ConflictException(String field, String detail) {
        super(ProblemCode.CONFLICT, field, detail);
    }
}
