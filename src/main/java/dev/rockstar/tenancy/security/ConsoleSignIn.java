package dev.rockstar.tenancy.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.users.control.TenantSession;

/**
 * Signs operators in to and out of the admin console with the admin API's credentials. The
 * console's identity lives in the session (the API keeps HTTP Basic); {@link TenancyAuthentication}
 * honours it on {@value #CONSOLE} pages only.
 */
@ApplicationScoped
public class ConsoleSignIn {

    public static final String CONSOLE = "/admin/";
    public static final String SIGN_IN_PAGE = "/admin/login.xhtml";

    @Inject
    AdminCredentials credentials;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "tenancy.console.session-timeout-minutes", defaultValue = "30")
    int timeoutMinutes;

    /**
     * Checks the credentials; on success the session gets a new id (no fixation), loses any
     * tenant user's login, and times out after {@code tenancy.console.session-timeout-minutes}
     * idle minutes. A refusal is audited as {@code ADMIN_LOGIN_FAILED}.
     */
    public boolean signIn(HttpServletRequest request, String username, String password) {
        String claimed = username == null ? "" : username;
        if (!credentials.matches(claimed, password == null ? "" : password)) {
            audit.record(null, "ADMIN_LOGIN_FAILED", claimed, "failed console sign-in as '" + claimed + "'");
            return false;
        }
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        TenantSession.removeFrom(session);
        new OperatorSession(credentials.username()).storeIn(session);
        session.setMaxInactiveInterval(timeoutMinutes * 60);
        audit.record(null, "ADMIN_SIGNED_IN", credentials.username(), "signed in to the console");
        return true;
    }

    public void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** {@code /admin} itself too: the container's {@code /admin/*} constraint covers it. */
    static boolean isConsole(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(CONSOLE) || path.equals(CONSOLE.substring(0, CONSOLE.length() - 1));
    }
}
