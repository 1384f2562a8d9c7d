package dev.rockstar.tenancy.tracing;

import dev.rockstar.tenancy.logging.LogTags;
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

    /**
     * The tenant of the current request or tenant scope; empty outside of one, and outside the
     * application. Read from the thread's binding, which the tenant context keeps, rather than
     * from CDI: looking the context up cost a seventh of a request, and runs for every span.
     */
    static Optional<String> currentTenant() {
        return Optional.ofNullable(LogTags.tenantId());
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
