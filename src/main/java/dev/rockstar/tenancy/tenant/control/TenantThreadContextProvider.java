package dev.rockstar.tenancy.tenant.control;

import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant as a Jakarta Concurrency 3.0 thread context, named {@value #TYPE}: a context service
 * that propagates it (such as {@code java:app/tenancy/TenantContextService}, declared in
 * {@code web.xml}) captures the submitting thread's tenant, binds it around the task on the
 * pooled thread, and unbinds it after. Where it is cleared, the task runs with no tenant, also on
 * a thread that had one. The server finds it through {@code META-INF/services}, so it is not a
 * CDI bean: it reaches {@link RunAsTenant} through {@link CDI#current()}.
 */
public class TenantThreadContextProvider implements ThreadContextProvider {

    public static final String TYPE = "Tenant";

    @Override
    public ThreadContextSnapshot currentContext(Map<String, String> properties) {
        return snapshot(true);
    }

    @Override
    public ThreadContextSnapshot clearedContext(Map<String, String> properties) {
        return snapshot(false);
    }

    @Override
    public String getThreadContextType() {
        return TYPE;
    }

    private static ThreadContextSnapshot snapshot(boolean propagate) {
        // Looked up on the submitting thread, whose class loader is the application's; the
        // pooled thread may not have it set yet when the server applies this context.
        Optional<RunAsTenant> captured = runner();
        String tenantId = propagate ? captured.map(RunAsTenant::currentTenantId).orElse(null) : null;
        return () -> {
            Optional<RunAsTenant> runner = captured.or(TenantThreadContextProvider::runner);
            if (runner.isEmpty()) {
                // Work the server submits outside the application (its CDI not up yet or gone):
                // no request context is activated, so tenant data stays out of reach.
                return () -> {};
            }
            RunAsTenant.Scope scope = runner.get().enterIfStillActive(tenantId);
            return scope::close;
        };
    }

    private static Optional<RunAsTenant> runner() {
        try {
            return Optional.of(CDI.current().select(RunAsTenant.class).get());
        } catch (IllegalStateException notInTheApplication) {
            return Optional.empty();
        }
    }
}
