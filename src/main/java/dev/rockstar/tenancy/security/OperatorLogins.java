package dev.rockstar.tenancy.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;

import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.limits.control.LoginThrottle;
import dev.rockstar.tenancy.tenant.control.ClientAddresses;

/**
 * The operator's password check, for the admin API's HTTP Basic and the console's sign-in form
 * alike: one throttle count per name and address whichever door is tried, and every failure
 * audited as {@code ADMIN_LOGIN_FAILED}.
 */
@ApplicationScoped
class OperatorLogins {

    /** The throttle's account of an operator name, apart from every tenant's users. */
    private static final String ACCOUNT = "operator\0";

    @Inject
    AdminIdentityStore operators;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clients;

    /**
     * @param attempt what the failure's audit entry calls the attempt, e.g. "console sign-in"
     * @throws dev.rockstar.tenancy.problems.ProblemException {@code TOO_MANY_ATTEMPTS} while failed
     *         logins of this name from this address, or from it at all, are throttled
     */
    CredentialValidationResult validate(HttpServletRequest request, UsernamePasswordCredential login, String attempt) {
        String account = ACCOUNT + login.getCaller();
        String client = clients.of(request);
        throttle.check(account, client);
        CredentialValidationResult result = operators.validate(login);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeeded(account, client);
        } else {
            throttle.failed(account, client);
            audit.attempt(null, "ADMIN_LOGIN_FAILED", login.getCaller(),
                    "failed " + attempt + " as '" + login.getCaller() + "'");
        }
        return result;
    }
}
