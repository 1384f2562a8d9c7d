package dev.rockstar.tenancy.problems;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A {@code @Transactional} method whose transaction failed to commit or roll back, typically
 * because the database went away during the commit: 503 {@code UNAVAILABLE}, saying that the
 * change may have been stored (a commit that lost its connection is in doubt, never half-done);
 * anything else as {@link UnexpectedExceptionMapper} or the JAX-RS error it wraps answers it.
 * <p>
 * Needed beside the last-line mapper because Jersey (Payara, GlassFish) brings a mapper of its own
 * for exactly this type, which a more general mapper never outranks and which rethrows what it
 * cannot restore: a 500 without a problem document (seen in {@code DatabaseOutageIT} when the
 * proxy was cut between a write and its commit).
 */
@Provider
public class TransactionalExceptionMapper implements ExceptionMapper<TransactionalException> {

    private static final Logger LOG = Logger.getLogger(TransactionalExceptionMapper.class.getName());

    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    private final WebApplicationExceptionMapper jaxRsErrors = new WebApplicationExceptionMapper();

    @Override
    public Response toResponse(TransactionalException exception) {
        for (Throwable t = exception.getCause(); t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException thrown) {
                return jaxRsErrors.toResponse(thrown);
            }
        }
        if (UnexpectedExceptionMapper.isDatabaseFailure(exception)) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "Database unavailable while a transaction ended, incident " + incident, exception);
            return Problem.of(ProblemCode.UNAVAILABLE, "The database became unavailable as the change was being"
                    + " committed; it may or may not be stored. Read it back before retrying. Incident " + incident).toResponse();
        }
        return unexpected.toResponse(exception);
    }
}
