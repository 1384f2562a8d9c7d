package dev.rockstar.tenancy;

public enum TenantStatus {
    ACTIVE,
    /** Known but refused: every tenant-scoped request answers 403 {@code TENANT_INACTIVE}. */
    SUSPENDED,
    /**
     * Served for reading, refused for writing: every tenant-facing request that would change its
     * stored data answers 503 {@code TENANT_READ_ONLY}. A replacing restore and a move hold a
     * tenant in it; an operator may choose it too.
     */
    READ_ONLY
}
