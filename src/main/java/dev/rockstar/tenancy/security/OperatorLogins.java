package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.limits.control.LoginThrottle;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import dev.rockstar.tenancy.tenant.control.ClientAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The operator's password check, for the admin API's HTTP Basic and the console's sign-in form
 * alike: one throttle count per name and client whichever door is tried, and every wrong password
 * audited as {@code ADMIN_LOGIN_FAILED} and counted in {@code tenancy_operator_login_failures_total};
 * the start of a lock of the operator's name for all untrusted clients is audited as
 * {@code ADMIN_LOGIN_LOCKED}. Both are what an operator alerts on.
 *
 * <p>The two doors differ in what a lock refuses. The console follows the device-cookie design:
 * a client with a valid device cookie is throttled on its cookie alone, every other client is
 * refused while locked, the right password too. HTTP Basic (the admin API, Prometheus' scrape)
 * has no cookies, so there a lock refuses only wrong passwords: the right one is never refused,
 * and no other client's failures can keep the operator's client out. That leaves wrong passwords
 * answered 429 instead of 401 while locked, which tells a guesser nothing it may not learn, and
 * its guesses go on at the rate of its requests: safe only because the operator's password is
 * long and random (README's checklist), so that no rate of guessing reaches it, and every guess is
 * counted and audited.
 */
@ApplicationScoped
class OperatorLogins {

    /** Names other than the operator's, tried at its doors: counted apart from the operator's own share. */
    private static final String OTHER_NAMES = "\0other operator names";

    @Inject
    AdminIdentityStore operators;

    @Inject
    AdminCredentials credentials;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clients;

    @Inject
    TenantMetrics metrics;

    /**
     * HTTP Basic: the right credentials are never refused for a lock.
     *
     * @throws dev.rockstar.tenancy.problems.ProblemException {@code TOO_MANY_ATTEMPTS} for wrong
     *         credentials while this name is locked for this client
     */
    CredentialValidationResult basic(HttpServletRequest request, UsernamePasswordCredential login) {
        String client = clients.of(request);
        CredentialValidationResult result = operators.validate(login);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeededUnchecked(owner(login), login.getCaller(), client);
            return result;
        }
        metrics.operatorLoginFailed();
        try (LoginThrottle.Attempt attempt = throttle.begin(owner(login), login.getCaller(), client, null)) {
            failed(attempt, login, "admin API login");
        }
        return result;
    }

    /**
     * The console's form: a client without a valid device cookie of the operator is refused while
     * locked, whatever the password.
     *
     * @param device the id of the client's valid device cookie of the operator, else null
     * @throws dev.rockstar.tenancy.problems.ProblemException {@code TOO_MANY_ATTEMPTS} while locked
     */
    CredentialValidationResult console(HttpServletRequest request, UsernamePasswordCredential login, String device) {
        String client = clients.of(request);
        try (LoginThrottle.Attempt attempt =
                throttle.begin(owner(login), login.getCaller(), client, isOperator(login) ? device : null)) {
            CredentialValidationResult result = operators.validate(login);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                attempt.succeeded();
            } else {
                metrics.operatorLoginFailed();
                failed(attempt, login, "console sign-in");
            }
            return result;
        }
    }

    private void failed(LoginThrottle.Attempt attempt, UsernamePasswordCredential login, String door) {
        LoginThrottle.Outcome outcome = attempt.failed();
        audit.attempt(
                null, "ADMIN_LOGIN_FAILED", login.getCaller(), "failed " + door + " as '" + login.getCaller() + "'");
        if (outcome == LoginThrottle.Outcome.ACCOUNT_LOCKED && isOperator(login)) {
            audit.record(
                    null,
                    "ADMIN_LOGIN_LOCKED",
                    login.getCaller(),
                    "the operator's name is locked for clients without its device cookie after wrong passwords");
        }
    }

    private boolean isOperator(UsernamePasswordCredential login) {
        return credentials.username().equals(login.getCaller());
    }

    private String owner(UsernamePasswordCredential login) {
        return isOperator(login) ? LoginThrottle.OPERATOR : OTHER_NAMES;
    }
}
