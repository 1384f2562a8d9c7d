package dev.rockstar.tenancy.problems;

import dev.rockstar.tenancy.InvalidInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The public API's way to refuse input, answered like the product's own validation errors. */
@Provider
public class InvalidInputExceptionMapper implements ExceptionMapper<InvalidInputException> {

    @Override
    public Response toResponse(InvalidInputException exception) {
        return Problem.of(ProblemCode.VALIDATION_FAILED, exception.getMessage()).toResponse();
    }
}
