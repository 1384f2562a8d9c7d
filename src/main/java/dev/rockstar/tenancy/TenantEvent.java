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

    public enum Kind {
        REGISTERED,
        CHANGED,
        SUSPENDED,
        REACTIVATED,
        DELETED
    }
}
