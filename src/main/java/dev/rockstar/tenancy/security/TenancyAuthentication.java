package dev.rockstar.tenancy.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.tenant.control.TenantResolver;
import dev.rockstar.tenancy.users.control.TenantSession;
import dev.rockstar.tenancy.users.control.TenantUsers;

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
    TenantUsers users;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential login = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && login != null) {
            CredentialValidationResult result = tenantUsers.validate(login);
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? context.notifyContainerAboutLogin(result) : AuthenticationStatus.SEND_FAILURE;
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
        Optional<List<String>> roles = caller.openedIn(owner)
                ? caller.rolesNow(users.current(caller.tenantId(), caller.username()))
                : Optional.empty();
        if (roles.isEmpty()) {
            invalidate(session);
            return context.doNothing();
        }
        if (!roles.get().equals(caller.roles())) {
            // kept for role checks that read the session's roles (RolesAllowedFeature), as the container's may not know them
            caller.withRoles(roles.get()).storeIn(session);
        }
        return context.notifyContainerAboutLogin(caller.username(), Set.copyOf(roles.get()));
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

    private static UsernamePasswordCredential basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
