package dev.rockstar.tenancy.tenant.control;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantRunner;

/**
 * {@link TenantRunner}: binds the tenant in the request context, activating one for the call
 * where the thread has none (a scheduled job, an executor task), and restores what was bound
 * before on the way out, also when the work throws.
 */
@ApplicationScoped
class RunAsTenant implements TenantRunner {

    @Inject
    RequestTenant context;

    @Inject
    TenantDirectory directory;

    @Inject
    Instance<RequestContextController> contexts;

    @Override
    public <T> T call(String tenantId, Supplier<T> work) {
        TenantInfo tenant = directory.byId(tenantId).orElseThrow(() -> TenantNotFoundException.forId(tenantId));
        if (!tenant.active()) {
            throw new TenantInactiveException();
        }
        RequestContextController controller = contexts.get();
        boolean activated = controller.activate();
        try {
            TenantInfo previous = context.bind(tenant);
            try {
                return work.get();
            } finally {
                context.bind(previous);
            }
        } finally {
            if (activated) {
                controller.deactivate();
            }
            contexts.destroy(controller);
        }
    }

    @Override
    public void run(String tenantId, Runnable work) {
        call(tenantId, () -> {
            work.run();
            return null;
        });
    }
}
