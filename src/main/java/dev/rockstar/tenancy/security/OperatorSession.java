package dev.rockstar.tenancy.security;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;

/**
 * The operator signed in to the console, kept in the session at sign-in with the stamp of the
 * credentials used ({@link AdminCredentials#sessionStamp()}): valid while they are the node's.
 * Apart from {@code TenantSession}: a tenant user's session never carries one, so it never opens
 * the console.
 */
record OperatorSession(String username, String credentialStamp) implements Serializable {

    private static final long serialVersionUID = 2L;
    private static final String ATTRIBUTE = OperatorSession.class.getName();

    /** The session's operator, or {@code null}. */
    static OperatorSession of(HttpSession session) {
        try {
            return session != null && session.getAttribute(ATTRIBUTE) instanceof OperatorSession operator
                    ? operator
                    : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    void storeIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }
}
