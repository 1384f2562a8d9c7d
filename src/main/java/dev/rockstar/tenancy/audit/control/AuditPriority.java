package dev.rockstar.tenancy.audit.control;

/**
 * What a full audit queue keeps: what only an operator, or an attack on the operators, can cause
 * comes before what any client can repeat at will.
 */
public enum AuditPriority {

    /** Operators' and users' changes, sign-ins, failed operator logins: rare, and each one matters. */
    SECURITY,

    /** What clients can raise at will (failed tenant logins, mismatched sessions, other tenants' ids, unknown hosts). */
    BULK
}
