package dev.rockstar.tenancy.admin.control;

/** How much of one limit a tenant uses: {@code used} of {@code limit}, as a share. */
public record QuotaUse(String tenantId, String limitName, double used, long limit) {

    public double share() {
        return limit == 0 ? (used > 0 ? Double.POSITIVE_INFINITY : 1) : used / limit;
    }

    public int percent() {
        return (int) Math.min(999, Math.round(share() * 100));
    }
}
