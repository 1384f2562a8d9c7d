package dev.rockstar.tenancy.tracing;

import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantInfo;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Optional;

/**
 * Whether this server gives the application OpenTelemetry, and the tenant a span is started for.
 * Only this class is touched where OpenTelemetry is absent: it asks for the API by name, and the
 * classes that link to it ({@link CurrentSpan}, {@link TenantSpanProcessor}) are loaded only after.
 */
public final class TenantSpans {

    /** The attribute each span of a tenant's request carries: the tenant's id. */
    public static final String ATTRIBUTE = "tenant.id";

    private static final boolean AVAILABLE = present("io.opentelemetry.api.trace.Span");

    private TenantSpans() {}

    /** Whether the server exposes OpenTelemetry's API to this application. */
    static boolean available() {
        return AVAILABLE;
    }

    /** The tenant of the current request or tenant scope; empty outside of one, and outside the application. */
    static Optional<String> currentTenant() {
        try {
            return CDI.current().select(TenantContext.class).get().current().map(TenantInfo::id);
        } catch (ContextNotActiveException | IllegalStateException outsideTheApplication) {
            return Optional.empty();
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, TenantSpans.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
