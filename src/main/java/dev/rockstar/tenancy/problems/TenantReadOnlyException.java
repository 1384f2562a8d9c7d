package dev.rockstar.tenancy.problems;

import java.util.Map;

/**
 * A write of a tenant whose status is {@code READ_ONLY}: 503 {@code TENANT_READ_ONLY} with
 * {@code Retry-After}, thrown before anything is written (by the request pipeline) or instead of
 * the statement that would have written (by the persistence layer), so the transaction rolls back
 * whole.
 */
public class TenantReadOnlyException extends ProblemException {

    /**
     * How long a client waits before it tries again. The server cannot know when the tenant is
     * writable again (a move or a replacing restore takes seconds to minutes, an operator's choice
     * lasts until it is lifted): a minute keeps retrying clients from hammering a node and still
     * lets them notice within a minute that writes are back.
     */
    public static final int RETRY_AFTER_SECONDS = 60;

    public TenantReadOnlyException() {
        // The tenant's id is internal: the host's visitor learns only that its data is frozen.
        super(
                ProblemCode.TENANT_READ_ONLY,
                "The tenant of this host is read-only for now: reads and logins are served, changes are not;"
                        + " nothing was changed. Retry after " + RETRY_AFTER_SECONDS + " s",
                Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
    }
}
