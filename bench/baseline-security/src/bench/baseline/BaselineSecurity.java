package bench.baseline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Only in the benchmark's second baseline ({@code /baseline-secured}), never in the product: a
 * Jakarta Security mechanism that authenticates nobody. A WAR that has any mechanism makes the
 * server run its Jakarta Security bridge (on Payara, Soteria's JASPIC module) on every request,
 * protected or not; the product has one (its logins) and pays that on every request. Measured
 * against the plain baseline, this shows what that costs any such WAR, before any tenancy.
 */
@ApplicationScoped
public class BaselineSecurity implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return context.doNothing();
    }
}
