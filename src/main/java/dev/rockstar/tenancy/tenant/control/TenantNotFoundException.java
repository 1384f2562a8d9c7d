package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;

class TenantNotFoundException extends ProblemException {

    private TenantNotFoundException(String detail) {
        super(ProblemCode.TENANT_NOT_FOUND, detail);
    }

    static TenantNotFoundException forHost(String host) {
        return new TenantNotFoundException("No tenant is registered for the host '" + host + "'");
    }

    static TenantNotFoundException forId(String tenantId) {
        return new TenantNotFoundException("No tenant is registered with the id '" + tenantId + "'");
    }
}
