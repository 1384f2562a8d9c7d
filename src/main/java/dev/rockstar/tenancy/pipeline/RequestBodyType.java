package dev.rockstar.tenancy.pipeline;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a request body without a {@code Content-Type} with 415 {@code UNSUPPORTED_MEDIA_TYPE}.
 * Servers differ on such a body (Jersey hands it to an {@code application/json} method as if it
 * were JSON, RESTEasy as {@code application/octet-stream}); here every server refuses it alike.
 */
@Provider
@PreMatching
@Priority(Pipeline.BODY_TYPE)
@ApplicationScoped
public class RequestBodyType implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if ((type == null || type.isBlank()) && request.hasEntity()) {
            throw new ProblemException(
                    ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "The body has no Content-Type; send the type the call takes (application/json;"
                            + " application/zip for a tenant archive)");
        }
    }
}
