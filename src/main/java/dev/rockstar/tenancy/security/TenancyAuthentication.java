package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.logging.LogTags;
import dev.rockstar.tenancy.problems.Problem;
import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.problems.UnexpectedExceptionMapper;
import dev.rockstar.tenancy.tenant.control.TenantResolver;
import dev.rockstar.tenancy.users.control.CredentialBounds;
import dev.rockstar.tenancy.users.control.TenantLogins;
import dev.rockstar.tenancy.users.control.TenantSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's one Jakarta Security mechanism, for two kinds of callers:
 * <ul>
 * <li>operators: HTTP Basic with the admin credentials on the protected admin API; refusals pass
 * through the application's error page, so a client sees a problem document, not HTML;</li>
 * <li>operators in the admin console ({@code /admin/}): the session of a sign-in with the same
 * credentials ({@link ConsoleSignIn}), else a redirect to the sign-in form; never HTTP Basic,
 * and never a tenant user's session;</li>
 * <li>tenant users: a login ({@code POST /api/login}) checks the host's tenant's users and keeps
 * the caller in the session, which is honoured only on hosts of that same tenant.</li>
 * </ul>
 */
@ApplicationScoped
public class TenancyAuthentication implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(TenancyAuthentication.class.getName());

    static final String CHALLENGE = "Basic realm=\"rockstar-tenancy\", charset=\"UTF-8\"";

    @Inject
    OperatorLogins operators;

    @Inject
    AdminCredentials credentials;

    @Inject
    TenantUserIdentityStore tenantUsers;

    @Inject
    TenantResolver resolver;

    @Inject
    TenantLogins logins;

    /**
     * Why a login's password could not be checked (its tenant's database away, its placement
     * unavailable), if it could not: a login that failed for that is not a wrong password, and must
     * count no failed attempt. The login answers it as the 503 it is.
     */
    public static Optional<RuntimeException> loginNotChecked(HttpServletRequest request) {
        return Optional.ofNullable((RuntimeException) request.getAttribute(LOGIN_NOT_CHECKED));
    }

    private static final String LOGIN_NOT_CHECKED = TenancyAuthentication.class.getName() + ".loginNotChecked";

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Credential login = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && login != null) {
            CredentialValidationResult result;
            try {
                result = tenantUsers.validate(login);
            } catch (RuntimeException e) {
                if (!(e instanceof ProblemException) && !UnexpectedExceptionMapper.isDatabaseFailure(e)) {
                    throw e;
                }
                // the password could not be checked: no failed login, which the login answers as 503
                request.setAttribute(LOGIN_NOT_CHECKED, e);
                return AuthenticationStatus.SEND_FAILURE;
            }
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? context.notifyContainerAboutLogin(result)
                    : AuthenticationStatus.SEND_FAILURE;
        }
        if (context.isProtected() && ConsoleSignIn.isConsole(request)) {
            HttpSession session = request.getSession(false);
            OperatorSession operator = OperatorSession.of(session);
            if (operator != null && operator.credentialStamp().equals(credentials.sessionStamp())) {
                return context.notifyContainerAboutLogin(operator.username(), Set.of(AdminCredentials.ROLE));
            }
            if (operator != null) {
                invalidate(session); // signed in with credentials this node no longer accepts
            }
            return context.redirect(request.getContextPath() + ConsoleSignIn.SIGN_IN_PAGE);
        }
        if (context.isProtected()) {
            UsernamePasswordCredential basic = basic(request.getHeader("Authorization"));
            if (basic != null) {
                CredentialValidationResult result;
                try {
                    result = operators.basic(request, basic);
                } catch (ProblemException throttled) {
                    return refuse(throttled, response);
                }
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
            response.setHeader("WWW-Authenticate", CHALLENGE);
            return context.responseUnauthorized();
        }
        return fromSession(request, context);
    }

    /**
     * A tenant user's session counts only on a host of the tenant it was created for, and only
     * while that tenant, the user and the user's credentials are the ones it was opened with: a
     * session of a deleted user, of a reset password or of a deleted (and maybe re-created) tenant
     * is invalidated here, so its request, and every later one, is anonymous (401 where a login is
     * needed). A removed role is gone from the next request on; the user stays logged in.
     */
    private AuthenticationStatus fromSession(HttpServletRequest request, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        TenantSession caller = session == null ? null : TenantSession.of(session);
        if (caller == null) {
            return context.doNothing();
        }
        TenantInfo owner = resolver.ownerOf(request).orElse(null);
        if (owner == null || !owner.id().equals(caller.tenantId())) {
            return context.doNothing(); // another tenant's host: TenantSessionGuard refuses and audits it
        }
        Optional<List<String>> roles;
        try {
            roles = caller.openedIn(owner)
                    ? caller.rolesNow(logins.current(caller.tenantId(), caller.username()))
                    : Optional.empty();
        } catch (RuntimeException e) {
            if (UnexpectedExceptionMapper.isDatabaseFailure(e)) {
                return unavailable(e, context.getResponse());
            }
            throw e;
        }
        if (roles.isEmpty()) {
            invalidate(session);
            return context.doNothing();
        }
        if (!roles.get().equals(caller.roles())) {
            // kept for role checks that read the session's roles (RolesAllowedFeature), as the container's may not know
            // them
            caller.withRoles(roles.get()).storeIn(session);
        }
        return context.notifyContainerAboutLogin(caller.username(), Set.copyOf(roles.get()));
    }

    /**
     * The session could not be checked because the database is away: 503 {@code UNAVAILABLE},
     * answered and committed here (as {@link #refuse} does), since this runs before JAX-RS and its
     * mappers; neither the session nor the request is let through unchecked, and the session
     * stays, to count again once the database is back.
     */
    private static AuthenticationStatus unavailable(RuntimeException failure, HttpServletResponse response) {
        String request = LogTags.requestId();
        String incident = request == null ? UUID.randomUUID().toString() : request;
        LOG.log(Level.WARNING, "Database unavailable while checking a tenant session, incident " + incident, failure);
        try {
            Problem.of(
                            ProblemCode.UNAVAILABLE,
                            "The database is unavailable; the session could not be checked and"
                                    + " nothing was changed. Incident " + incident)
                    .writeTo(response);
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalidated) {
            // ended by a concurrent request: the same outcome
        }
    }

    /**
     * Answers 429 {@code TOO_MANY_ATTEMPTS} itself and commits it: the mechanism runs before
     * JAX-RS, whose exception mappers cannot reach here, and a committed answer is left alone.
     */
    private static AuthenticationStatus refuse(ProblemException throttled, HttpServletResponse response) {
        try {
            throttled.headers().forEach(response::setHeader);
            throttled.toProblem().writeTo(response);
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** "Basic ", the Base64 of the largest "username:password" that fits, and room for spaces around it. */
    static final int MAX_BASIC_HEADER =
            6 + 4 * ((CredentialBounds.MAX_USERNAME_BYTES + 1 + CredentialBounds.MAX_PASSWORD_BYTES + 2) / 3) + 16;

    /**
     * The Basic credentials, or {@code null} (401 as for a wrong password, no throttle count and
     * no audit entry) when there are none or they are larger than any operator credential can be
     * ({@link CredentialBounds}): a longer header is not even decoded, though WildFly accepts
     * headers of 1 MiB.
     */
    static UsernamePasswordCredential basic(String header) {
        if (header == null || header.length() > MAX_BASIC_HEADER || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        return CredentialBounds.fit(username, password) ? new UsernamePasswordCredential(username, password) : null;
    }
}
