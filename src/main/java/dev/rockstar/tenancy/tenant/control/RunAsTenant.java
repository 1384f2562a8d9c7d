package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantData;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantJobReport;
import dev.rockstar.tenancy.TenantRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@link TenantRunner}: binds the tenant in the request context, activating one for the call
 * where the thread has none (a scheduled job, an executor task), and restores what was bound
 * before on the way out, also when the work throws. {@link TenantThreadContextProvider} uses the
 * same scope for the managed executors, so the explicit and the propagated forms cannot differ.
 */
@ApplicationScoped
class RunAsTenant implements TenantRunner {

    @Inject
    RequestTenant context;

    @Inject
    TenantDirectory directory;

    @Inject
    Instance<RequestContextController> contexts;

    @Inject
    TenantTransaction transaction;

    @Inject
    @TenantData
    EntityManager data;

    /** A tenant bound on this thread until closed; closing puts back what was there before. */
    interface Scope extends AutoCloseable {

        @Override
        void close();
    }

    @Override
    public <T> T call(String tenantId, Supplier<T> work) {
        TenantInfo tenant = directory.byId(tenantId).orElseThrow(() -> TenantNotFoundException.forId(tenantId));
        if (!tenant.active()) {
            throw new TenantInactiveException();
        }
        try (Scope scope = enter(tenant)) {
            return work.get();
        }
    }

    @Override
    public void run(String tenantId, Runnable work) {
        call(tenantId, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public Runnable contextualRunnable(Runnable work) {
        Supplier<Void> bound = contextualSupplier(() -> {
            work.run();
            return null;
        });
        return bound::get;
    }

    @Override
    public <T> Callable<T> contextualCallable(Callable<T> work) {
        String tenantId = currentTenantId();
        return () -> {
            try (Scope scope = enterIfStillActive(tenantId)) {
                return work.call();
            }
        };
    }

    @Override
    public <T> Supplier<T> contextualSupplier(Supplier<T> work) {
        String tenantId = currentTenantId();
        return () -> {
            try (Scope scope = enterIfStillActive(tenantId)) {
                return work.get();
            }
        };
    }

    @Override
    public TenantJobReport forEachTenant(Runnable work) {
        List<String> succeeded = new ArrayList<>();
        List<TenantJobReport.Failure> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (TenantInfo tenant : directory.all()) {
            if (!tenant.active()) {
                skipped.add(tenant.id());
                continue;
            }
            try (Scope scope = enter(tenant)) {
                try {
                    transaction.run(work);
                } finally {
                    // The request context may span every tenant (a job on an executor that
                    // activated one): drop what this tenant's share loaded before the next runs.
                    data.clear();
                }
                succeeded.add(tenant.id());
            } catch (RuntimeException e) {
                failed.add(new TenantJobReport.Failure(tenant.id(), e));
            }
        }
        return new TenantJobReport(succeeded, failed, skipped);
    }

    /** The id of the tenant active on this thread; {@code null} where none is, request context or not. */
    String currentTenantId() {
        try {
            return context.current().map(TenantInfo::id).orElse(null);
        } catch (ContextNotActiveException noRequest) {
            return null;
        }
    }

    /**
     * Binds the tenant captured earlier, as it is now: one suspended or deleted meanwhile is not
     * bound, so queued work fails closed rather than acting for a tenant that may no longer act.
     */
    Scope enterIfStillActive(String tenantId) {
        return enter(
                tenantId == null
                        ? null
                        : directory.byId(tenantId).filter(TenantInfo::active).orElse(null));
    }

    /** Binds the tenant, or none when {@code null}: a pooled thread must not serve a previous tenant. */
    Scope enter(TenantInfo tenant) {
        RequestContextController controller = contexts.get();
        boolean activated = controller.activate();
        TenantInfo previous;
        try {
            previous = context.bind(tenant);
        } catch (RuntimeException e) {
            release(controller, activated);
            throw e;
        }
        return () -> {
            try {
                context.bind(previous);
            } finally {
                release(controller, activated);
            }
        };
    }

    private void release(RequestContextController controller, boolean activated) {
        try {
            if (activated) {
                controller.deactivate();
            }
        } finally {
            contexts.destroy(controller);
        }
    }
}
