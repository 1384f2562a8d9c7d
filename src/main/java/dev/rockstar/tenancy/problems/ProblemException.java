package dev.rockstar.tenancy.problems;

import java.util.Map;

/**
 * An error the client caused or must know about, answered as {@code application/problem+json}
 * by {@link ProblemExceptionMapper}. Throw a subclass where one names the situation.
 */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final Map<String, String> headers;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, Map.of());
    }

    /** @param headers response headers that belong to the answer, such as {@code Retry-After} */
    protected ProblemException(ProblemCode code, String detail, Map<String, String> headers) {
        super(detail);
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ProblemCode code() {
        return code;
    }

    public Problem toProblem() {
        return Problem.of(code, getMessage());
    }
}
