package dev.rockstar.tenancy.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Puts the tenant on every span started while a tenant is active: the request's own and any span
 * inside it ({@code @WithSpan} methods, REST client calls, the server's own), and tenant work on
 * other threads where the tenant context was propagated. Added to the server's SDK by
 * {@link TenantSpanCustomizer}.
 */
final class TenantSpanProcessor implements SpanProcessor {

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        TenantSpans.currentTenant().ifPresent(tenant -> span.setAttribute(TenantSpans.ATTRIBUTE, tenant));
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
