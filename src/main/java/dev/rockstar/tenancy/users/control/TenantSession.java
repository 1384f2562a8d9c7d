package dev.rockstar.tenancy.users.control;

import java.io.Serializable;
import java.util.List;

import jakarta.servlet.http.HttpSession;

/**
 * Who is logged in to a session, and for which tenant: kept in the session at login, checked on
 * every request. A session belongs to one tenant for its whole life.
 */
public record TenantSession(String tenantId, String username, List<String> roles) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String ATTRIBUTE = TenantSession.class.getName();

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
}
