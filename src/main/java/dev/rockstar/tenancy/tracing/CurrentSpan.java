package dev.rockstar.tenancy.tracing;

import io.opentelemetry.api.trace.Span;

/**
 * The span the server opened for the request, through the API alone (MicroProfile Telemetry's
 * portable part). Loaded only where {@link TenantSpans#available()}; where tracing is off the
 * current span is a no-op one.
 */
final class CurrentSpan {

    private CurrentSpan() {}

    static void tag(String tenantId) {
        Span.current().setAttribute(TenantSpans.ATTRIBUTE, tenantId);
    }
}
