package dev.rockstar.tenancy.users.boundary;

import dev.rockstar.tenancy.ChangesNoData;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.limits.control.LoginThrottle;
import dev.rockstar.tenancy.problems.UnauthorizedException;
import dev.rockstar.tenancy.rest.JsonBodies;
import dev.rockstar.tenancy.security.DeviceCookies;
import dev.rockstar.tenancy.security.TenancyAuthentication;
import dev.rockstar.tenancy.tenant.control.ClientAddresses;
import dev.rockstar.tenancy.users.control.CredentialBounds;
import dev.rockstar.tenancy.users.control.PasswordHashing;
import dev.rockstar.tenancy.users.control.TenantLogins;
import dev.rockstar.tenancy.users.control.TenantSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;

/**
 * Login, the caller, and logout, for the users of the host's tenant:
 * <pre>
 * curl -c jar -H 'Content-Type: application/json' -d '{"username":"alice","password":"…"}' \
 *      http://acme.localhost:8080/api/login
 * curl -b jar http://acme.localhost:8080/api/me
 * </pre>
 * The session id changes at login (no fixation) and the session belongs to the tenant for life;
 * it ends when the user is deleted, its password is reset or the tenant is deleted (also when one
 * of the same id is created again), and follows the user's current roles
 * ({@link dev.rockstar.tenancy.security.TenancyAuthentication}).
 */
@Path("")
@TenantScoped
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    SecurityContext security;

    @Inject
    TenantContext tenant;

    @Inject
    AuditLog audit;

    @Inject
    TenantLogins logins;

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordHashing hashing;

    @Inject
    ClientAddresses clients;

    @Inject
    DeviceCookies devices;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    /** Served while the tenant is read-only: it changes none of the tenant's rows (no rehash then). */
    @POST
    @Path("login")
    @ChangesNoData
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject login(String body) {
        JsonObject json = JsonBodies.object(body, Set.of("username", "password"));
        String username = JsonBodies.requiredCredential(json, "username");
        String password = JsonBodies.requiredCredential(json, "password");
        if (!CredentialBounds.fit(username, password)) { // never a throttle key, an audit entry or a hash
            throw new UnauthorizedException("Wrong username or password");
        }
        String tenantId = tenant.require().id();
        String client = clients.of(request);
        String device = devices.valid(
                request,
                tenantId,
                username,
                () -> logins.current(tenantId, username)
                        .map(TenantSession.Current::stamp)
                        .orElse(null));
        boolean hadSession = request.getSession(false) != null;
        // 429 TOO_MANY_ATTEMPTS before the password is hashed; one attempt of a client at an account at a time
        try (LoginThrottle.Attempt attempt = throttle.begin(tenantId, username, client, device)) {
            AuthenticationStatus status;
            // 503 UNAVAILABLE when the node's hashes are all taken, not a failed login; a device cookie's
            // holder may use the permits kept for it, so a flood of guesses cannot turn its login into a 503
            try (PasswordHashing.Permit permit = hashing.permit(device != null)) {
                status = security.authenticate(
                        request,
                        response,
                        AuthenticationParameters.withParams()
                                .credential(new UsernamePasswordCredential(username, password))
                                .newAuthentication(true));
            }
            Optional<RuntimeException> notChecked = TenancyAuthentication.loginNotChecked(request);
            if (notChecked.isPresent()) {
                throw notChecked.get(); // 503 UNAVAILABLE, no failed attempt counted
            }
            if (status != AuthenticationStatus.SUCCESS) {
                LoginThrottle.Outcome outcome = attempt.failed();
                audit.attempt(tenantId, "LOGIN_FAILED", username, "failed login as '" + username + "'");
                if (outcome == LoginThrottle.Outcome.ACCOUNT_LOCKED) {
                    audit.record(
                            tenantId,
                            "LOGIN_LOCKED",
                            username,
                            "user '" + username
                                    + "' locked for clients without its device cookie after wrong passwords");
                }
                throw new UnauthorizedException("Wrong username or password");
            }
            attempt.succeeded();
        }
        TenantSession caller = logins.sessionOf(tenant.require(), username)
                .orElseThrow(() -> new UnauthorizedException("Wrong username or password")); // deleted meanwhile
        HttpSession session = request.getSession(true);
        if (hadSession) {
            request.changeSessionId();
        }
        caller.storeIn(session);
        if (device == null) {
            devices.issue(request, response, tenantId, username, caller.credentialStamp(), "/api/login");
        }
        return JsonP.createObjectBuilder()
                .add("username", username)
                .add("tenant_id", tenantId)
                .add("roles", JsonP.createArrayBuilder(caller.roles()))
                .build();
    }

    @GET
    @Path("me")
    public JsonObject me() {
        if (request.getUserPrincipal() == null) {
            throw new UnauthorizedException("Not logged in on this host");
        }
        return JsonP.createObjectBuilder()
                .add("username", request.getUserPrincipal().getName())
                .add("tenant_id", tenant.require().id())
                .build();
    }

    @POST
    @Path("logout")
    @ChangesNoData
    public Response logout() throws ServletException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        request.logout();
        return Response.noContent().build();
    }
}
