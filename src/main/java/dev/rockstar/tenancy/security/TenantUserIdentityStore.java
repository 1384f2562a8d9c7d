package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.users.control.TenantLogins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Jakarta Security identity store of the users of the request's tenant, and of no other: the
 * same username on another tenant's host is another user, with another password.
 */
@ApplicationScoped
public class TenantUserIdentityStore implements IdentityStore {

    @Inject
    TenantLogins logins;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential login) {
            return logins.authenticate(login.getCaller(), login.getPasswordAsString())
                    .map(user -> new CredentialValidationResult(user.getUsername(), Set.copyOf(user.getRoles())))
                    .orElse(CredentialValidationResult.INVALID_RESULT);
        }
        return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
}
