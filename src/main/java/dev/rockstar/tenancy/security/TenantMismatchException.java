package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;

/** A session or user of one tenant presented on another tenant's host. */
class TenantMismatchException extends ProblemException {

    public TenantMismatchException() {
        super(ProblemCode.TENANT_MISMATCH, "This session belongs to another tenant; log in on this host");
    }
}
