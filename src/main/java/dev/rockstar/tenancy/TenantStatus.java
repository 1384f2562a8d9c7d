package dev.rockstar.tenancy;

public enum TenantStatus {
    ACTIVE,
    /** Known but refused: every tenant-scoped request answers 403 {@code TENANT_INACTIVE}. */
    SUSPENDED
}
