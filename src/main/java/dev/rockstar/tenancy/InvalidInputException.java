package dev.rockstar.tenancy;

/**
 * Bad input to an application resource: answered 400 {@code VALIDATION_FAILED} as
 * {@code application/problem+json}, with the message as its {@code detail}. Throw it before
 * writing anything, so a refused request leaves nothing half-written.
 * <pre>
 * if (text == null || text.isBlank()) {
 *     throw new InvalidInputException("text must not be empty");
 * }
 * </pre>
 * The message reaches the client: name the field and the rule, never internals.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
