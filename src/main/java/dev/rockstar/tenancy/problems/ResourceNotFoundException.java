package dev.rockstar.tenancy.problems;

/** The resource does not exist, or not for the current tenant: the client cannot tell which. */
public class ResourceNotFoundException extends ProblemException {

    public ResourceNotFoundException(String detail) {
        super(ProblemCode.NOT_FOUND, detail);
    }
}
