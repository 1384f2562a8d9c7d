package dev.rockstar.tenancy.problems;

/**
 * The machine-readable error codes of the HTTP API (docs/HTTP-API.md), each with the HTTP status it
 * always travels with. Clients switch on the code, never on the title or detail.
 */
public enum ProblemCode {
    HOST_INVALID(400, "Invalid host"),
    TENANT_NOT_FOUND(404, "Tenant not found"),
    TENANT_INACTIVE(403, "Tenant is inactive"),
    TENANT_MISMATCH(403, "Tenant mismatch"),
    VALIDATION_FAILED(400, "Validation failed"),
    UNAUTHORIZED(401, "Unauthorized"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict"),
    QUOTA_EXCEEDED(403, "Quota exceeded"),
    FEATURE_DISABLED(403, "Feature disabled"),
    RATE_LIMITED(429, "Rate limited"),
    UNAVAILABLE(503, "Service unavailable"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    TOO_MANY_ATTEMPTS(429, "Too many attempts"),
    TENANT_READ_ONLY(503, "Tenant is read-only"),
    // Statuses the JAX-RS runtime or the servlet container raise on their own; the API defines
    // no code for them, so they get one named after the status.
    FORBIDDEN(403, "Forbidden"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The code a bare HTTP status stands for when nothing more specific is known. */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : VALIDATION_FAILED;
        };
    }
}
