package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;

public class TenantNotFoundException extends ProblemException {

    public TenantNotFoundException(String host) {
        super(ProblemCode.TENANT_NOT_FOUND, "No tenant is registered for the host '" + host + "'");
    }
}
