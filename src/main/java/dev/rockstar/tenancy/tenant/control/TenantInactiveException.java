package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;

class TenantInactiveException extends ProblemException {

    public TenantInactiveException() {
        // The tenant's id is internal: the host's visitor learns only that it is suspended.
        super(ProblemCode.TENANT_INACTIVE, "The tenant of this host is suspended");
    }
}
