package dev.rockstar.tenancy.users.control;

import dev.rockstar.tenancy.TenantInfo;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is logged in to a session, and for which tenant: kept in the session at login, checked on
 * every request against the user and tenant as they are now. A session belongs to one tenant for
 * its whole life, and to one incarnation of it: a tenant deleted and created again under the same
 * id is another tenant ({@link TenantInfo#createdAt()}). It lasts as long as the credentials it
 * was opened with (the user's credential stamp, new at every password reset and for a re-created
 * user); the roles are always the user's current ones.
 */
public record TenantSession(
        String tenantId, Instant tenantCreatedAt, String username, String credentialStamp, List<String> roles)
        implements Serializable {

    private static final long serialVersionUID = 2L;
    private static final String ATTRIBUTE = TenantSession.class.getName();

    /** A session's user as it is now; {@code stamp} is {@code null} for users older than stamps. */
    public record Current(String stamp, List<String> roles) {}

    public TenantSession {
        roles = List.copyOf(roles);
    }

    /** The session's caller, or {@code null} when nobody logged in to it. */
    public static TenantSession of(HttpSession session) {
        try {
            return session.getAttribute(ATTRIBUTE) instanceof TenantSession caller ? caller : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** Ends a tenant user's login in a session that now belongs to someone else (an operator). */
    public static void removeFrom(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }

    public void storeIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    public TenantSession withRoles(List<String> current) {
        return new TenantSession(tenantId, tenantCreatedAt, username, credentialStamp, current);
    }

    /** Whether the session was opened in this very tenant, not in an earlier one of the same id. */
    public boolean openedIn(TenantInfo tenant) {
        return tenantId.equals(tenant.id()) && tenantCreatedAt.equals(tenant.createdAt());
    }

    /**
     * The roles the session has now: the user's current ones, or none at all (the session has
     * ended) when the user is gone or its credentials are not the ones the session was opened with.
     */
    public Optional<List<String>> rolesNow(Optional<Current> user) {
        return user.filter(now -> Objects.equals(now.stamp(), credentialStamp)).map(Current::roles);
    }
}
