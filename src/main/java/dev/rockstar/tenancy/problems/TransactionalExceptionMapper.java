package dev.rockstar.tenancy.problems;

import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A {@code @Transactional} method whose transaction failed to commit or roll back, typically
 * because the database went away during the commit: answered by {@link UnexpectedExceptionMapper}
 * (503 {@code UNAVAILABLE}, here saying that the change may have been stored: a commit that lost
 * its connection is in doubt, never half-done), or as the JAX-RS error it wraps.
 * <p>
 * Needed beside the last-line mapper because Jersey (Payara, GlassFish) brings a mapper of its own
 * for exactly this type, which a more general mapper never outranks and which rethrows what it
 * cannot restore: a 500 without a problem document (seen in {@code DatabaseOutageIT} when the
 * proxy was cut between a write and its commit).
 */
@Provider
public class TransactionalExceptionMapper implements ExceptionMapper<TransactionalException> {

    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    private final WebApplicationExceptionMapper jaxRsErrors = new WebApplicationExceptionMapper();

    @Override
    public Response toResponse(TransactionalException exception) {
        for (Throwable t = exception.getCause(); t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException thrown) {
                return jaxRsErrors.toResponse(thrown);
            }
        }
        return unexpected.toResponse(
                exception,
                "The database became unavailable as the change was being committed;"
                        + " it may or may not be stored. Read it back before retrying.");
    }
}
