package dev.rockstar.tenancy.problems;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns the errors the JAX-RS runtime raises itself (no such path, wrong method, unsupported
 * media type, unreadable body) into problem documents, so that no client ever sees the
 * server's HTML error page.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Problem problem = Problem.of(ProblemCode.forStatus(status), detailFor(exception, status));
        Response.ResponseBuilder answer = Response.fromResponse(problem.toResponse());
        if (original != null) {
            // Keep what tells the client how to do better (Allow on 405, WWW-Authenticate on 401).
            copyHeader(original, answer, HttpHeaders.ALLOW);
            copyHeader(original, answer, HttpHeaders.WWW_AUTHENTICATE);
            copyHeader(original, answer, HttpHeaders.RETRY_AFTER);
        }
        return answer.build();
    }

    private static String detailFor(WebApplicationException exception, int status) {
        if (exception instanceof NotFoundException) {
            return "No resource at this path";
        }
        if (exception instanceof NotAllowedException) {
            return "Method not allowed here; see the Allow header";
        }
        return switch (status) {
            case 400 -> "The request could not be read";
            case 406 -> "None of the accepted media types can be produced";
            case 415 ->
                "Unsupported request media type; send the type the call takes (application/json;"
                        + " application/zip for a tenant archive)";
            default -> ProblemCode.forStatus(status).title();
        };
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        String value = from.getHeaderString(name);
        if (value != null) {
            to.header(name, value);
        }
    }
}
