package dev.rockstar.tenancy;

/**
 * What a tenant may do. New statuses may come: a {@code switch} over it needs a {@code default}
 * branch (or {@link TenantInfo#active()} and {@link TenantInfo#writable()}, which stay true to
 * their meaning whatever is added).
 */
public enum TenantStatus {
    /** Served for reading and writing. */
    ACTIVE,
    /** Known but refused: every tenant-scoped request answers 403 {@code TENANT_INACTIVE}. */
    SUSPENDED,
    /**
     * Served for reading, refused for writing: every tenant-facing request that would change its
     * stored data answers 503 {@code TENANT_READ_ONLY}, and writes of its tenant-owned rows through
     * JPA are refused, in requests, jobs and asynchronous work alike; logins still work. A
     * replacing restore and a move hold a tenant in it; an operator may choose it too.
     */
    READ_ONLY
}
