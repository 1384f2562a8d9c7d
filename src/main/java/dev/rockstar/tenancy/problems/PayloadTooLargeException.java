package dev.rockstar.tenancy.problems;

/** A request body above {@code tenancy.request.max-body-bytes}: refused before or while it is read. */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(long maxBytes) {
        super(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes");
    }
}
