package dev.rockstar.tenancy.problems;

import java.util.Map;
import java.util.Optional;

/**
 * An error the client caused or must know about, answered as {@code application/problem+json}
 * by {@link ProblemExceptionMapper}. Throw a subclass where one names the situation.
 * <p>
 * A problem with one field of the input names it in {@link #field()}, apart from the message, so
 * that a form shows it next to that field and a client reads it without parsing the detail.
 */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final String field;
    private final Map<String, String> headers;

    public ProblemException(ProblemCode code, String detail) {
        this(code, null, detail, Map.of());
    }

    /**
     * @param field the input's field the problem is about, as the request spells it
     *     ({@code "hosts[1]"}, {@code "config.branding.primaryColor"}), or {@code null} for none
     */
    public ProblemException(ProblemCode code, String field, String detail) {
        this(code, field, detail, Map.of());
    }

    /** @param headers response headers that belong to the answer, such as {@code Retry-After} */
    protected ProblemException(ProblemCode code, String detail, Map<String, String> headers) {
        this(code, null, detail, headers);
    }

    private ProblemException(ProblemCode code, String field, String detail, Map<String, String> headers) {
        super(detail);
        this.code = code;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    /**
     * The same problem with its detail placed within a larger input, such as one tenant of a
     * batch ({@code "line 7"}, {@code "[6]"}); the field stays the one within that part.
     */
    public ProblemException within(String where) {
        return new ProblemException(code, field, where + ": " + getMessage(), headers);
    }

    /** The input's field the problem is about, as the request spells it; empty when it is about no single field. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ProblemCode code() {
        return code;
    }

    public Problem toProblem() {
        return Problem.of(code, getMessage()).about(field);
    }
}
