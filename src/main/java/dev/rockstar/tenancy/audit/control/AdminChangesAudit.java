package dev.rockstar.tenancy.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.rockstar.tenancy.TenantEvent;

/** Every committed change of a tenant goes to the audit log, with who made it. */
@ApplicationScoped
class AdminChangesAudit {

    @Inject
    AuditLog audit;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantEvent event) {
        String detail = switch (event.kind()) {
            case REGISTERED -> "registered with hosts " + event.after().hosts();
            case DELETED -> "deleted with its hosts " + event.before().hosts() + " and all of its data";
            default -> "was " + event.before().toJson() + ", now " + event.after().toJson();
        };
        audit.record(event.tenantId(), "TENANT_" + event.kind().name(), detail);
    }
}
