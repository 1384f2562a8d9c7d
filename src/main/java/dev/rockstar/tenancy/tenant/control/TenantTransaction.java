package dev.rockstar.tenancy.tenant.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A transaction of its own for one tenant's share of a per-tenant job, so that a tenant whose
 * work fails rolls back alone and the next tenant starts clean.
 */
@ApplicationScoped
class TenantTransaction {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void run(Runnable work) {
        work.run();
    }
}
