package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.limits.control.LoginThrottle;
import dev.rockstar.tenancy.users.control.TenantSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    OperatorLogins logins;

    @Inject
    DeviceCookies devices;

    @Inject
    @ConfigProperty(name = "tenancy.console.session-timeout-minutes", defaultValue = "30")
    int timeoutMinutes;

    /**
     * Checks the credentials; on success the session gets a new id (no fixation), loses any
     * tenant user's login, and times out after {@code tenancy.console.session-timeout-minutes}
     * idle minutes, and the browser gets the operator's device cookie ({@link DeviceCookies}, for
     * {@value #CONSOLE} only) when it has none, with which it signs in even while the operator's
     * name is locked for every other client. A refusal is audited as {@code ADMIN_LOGIN_FAILED}.
     *
     * @throws dev.rockstar.tenancy.problems.ProblemException {@code TOO_MANY_ATTEMPTS} while failed
     *         sign-ins of this name, from this client or its device cookie, are throttled (the API's count too)
     */
    public boolean signIn(HttpServletRequest request, HttpServletResponse response, String username, String password) {
        UsernamePasswordCredential login =
                new UsernamePasswordCredential(username == null ? "" : username, password == null ? "" : password);
        String device = credentials.username().equals(login.getCaller())
                ? devices.valid(request, LoginThrottle.OPERATOR, credentials.username(), credentials::sessionStamp)
                : null;
        if (logins.console(request, login, device).getStatus() != CredentialValidationResult.Status.VALID) {
            return false;
        }
        if (device == null) {
            devices.issue(
                    request,
                    response,
                    LoginThrottle.OPERATOR,
                    credentials.username(),
                    credentials.sessionStamp(),
                    CONSOLE);
        }
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        TenantSession.removeFrom(session);
        new OperatorSession(credentials.username(), credentials.sessionStamp()).storeIn(session);
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

    /**
     * {@code /admin} itself too: the container's {@code /admin/*} constraint covers it. By the
     * path the container matched its constraint and filters against (without {@code ;params},
     * decoded, empty segments merged), not the raw URI: {@code /admin;x/…} or {@code //admin/…}
     * is the console for the container, so it must be for this check too.
     */
    public static boolean isConsole(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith(CONSOLE) || path.equals(CONSOLE.substring(0, CONSOLE.length() - 1));
    }

    /** The operator signed in to the console in this request's session, if any (never a tenant user). */
    public static String operator(HttpServletRequest request) {
        OperatorSession operator = OperatorSession.of(request.getSession(false));
        return operator == null ? null : operator.username();
    }
}
