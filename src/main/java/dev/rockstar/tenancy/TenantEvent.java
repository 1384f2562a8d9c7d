package dev.rockstar.tenancy;

/**
 * Fired by the registry inside the transaction that changed a tenant. Observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to act only on committed changes:
 * <pre>
 * void onTenant(&#64;Observes(during = AFTER_SUCCESS) TenantEvent event) {
 *     if (event.kind() == TenantEvent.Kind.DELETED) { ... }
 * }
 * </pre>
 *
 * @param before the tenant before the change, {@code null} when it was registered
 * @param after the tenant after the change, {@code null} when it was deleted
 */
public record TenantEvent(Kind kind, String tenantId, TenantInfo before, TenantInfo after) {

    /**
     * What happened. A change of status is told by the status it went to: {@code SUSPENDED},
     * {@code MADE_READ_ONLY}, or {@code REACTIVATED} when it is {@code ACTIVE} again (from either).
     * New kinds may come: a {@code switch} over it needs a {@code default} branch.
     */
    public enum Kind {
        REGISTERED,
        /** Name, configuration or hosts changed; the status did not. */
        CHANGED,
        SUSPENDED,
        /** Back to {@code ACTIVE}, from {@code SUSPENDED} or {@code READ_ONLY}. */
        REACTIVATED,
        DELETED,
        /** Now {@code READ_ONLY}, from {@code ACTIVE} or {@code SUSPENDED}: served, but its data frozen. */
        MADE_READ_ONLY
    }
}
