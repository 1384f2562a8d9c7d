package dev.rockstar.tenancy.problems;

/**
 * An error the client caused or must know about, answered as {@code application/problem+json}
 * by {@link ProblemExceptionMapper}. Throw a subclass where one names the situation.
 */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;

    public ProblemException(ProblemCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }

    public Problem toProblem() {
        return Problem.of(code, getMessage());
    }
}
