package dev.rockstar.tenancy.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Jakarta Security identity store of the one operator account. */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    @Inject
    AdminCredentials credentials;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential login
                && credentials.matches(login.getCaller(), login.getPasswordAsString())) {
            return new CredentialValidationResult(login.getCaller(), Set.of(AdminCredentials.ROLE));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
