package dev.rockstar.tenancy.audit.control;

import dev.rockstar.tenancy.TenantEvent;
import dev.rockstar.tenancy.tenant.control.TenantJson;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Every committed change of a tenant goes to the audit log, with who made it. Tenants registered
 * together in one transaction (a bulk import) are one entry naming them, not one each: an import
 * of 10,000 tenants would otherwise fill the audit queue by itself.
 */
@ApplicationScoped
class AdminChangesAudit {

    static final String BATCH_EVENT = "TENANTS_REGISTERED";
    private static final int MAX_NAMED = 1500; // characters of ids named; the detail holds 2000
    private static final Object BATCH_KEY = new Object();

    @Inject
    AuditLog audit;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /** Collects the registrations of one transaction; the entry is written once it has committed. */
    void onRegistering(@Observes(during = TransactionPhase.IN_PROGRESS) TenantEvent event) {
        if (event.kind() != TenantEvent.Kind.REGISTERED) {
            return;
        }
        if (transactions.getTransactionKey() == null) {
            registered(List.of(event));
            return;
        }
        @SuppressWarnings("unchecked")
        List<TenantEvent> batch = (List<TenantEvent>) transactions.getResource(BATCH_KEY);
        if (batch == null) {
            List<TenantEvent> registered = new ArrayList<>();
            transactions.putResource(BATCH_KEY, registered);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        registered(registered);
                    }
                }
            });
            batch = registered;
        }
        batch.add(event);
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantEvent event) {
        String detail = switch (event.kind()) {
            case REGISTERED -> null; // onRegistering's
            case DELETED -> "deleted with its hosts " + event.before().hosts() + " and all of its data";
            default -> "was " + TenantJson.tenant(event.before()) + ", now " + TenantJson.tenant(event.after());
        };
        if (detail != null) {
            audit.record(event.tenantId(), "TENANT_" + event.kind().name(), detail);
        }
    }

    private void registered(List<TenantEvent> batch) {
        if (batch.size() == 1) {
            TenantEvent event = batch.get(0);
            audit.record(
                    event.tenantId(),
                    "TENANT_REGISTERED",
                    "registered with hosts " + event.after().hosts());
            return;
        }
        StringBuilder detail = new StringBuilder().append(batch.size()).append(" tenants registered together: ");
        int named = 0;
        for (TenantEvent event : batch) {
            if (detail.length() + event.tenantId().length() > MAX_NAMED) {
                break;
            }
            detail.append(named == 0 ? "" : ", ").append(event.tenantId());
            named++;
        }
        if (named < batch.size()) {
            detail.append(" and ").append(batch.size() - named).append(" more");
        }
        audit.record(null, BATCH_EVENT, detail.toString());
    }
}
