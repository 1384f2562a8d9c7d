package dev.rockstar.tenancy.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.users.control.CredentialBounds;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminCredentialsTest {

    @Test
    void configuredCredentialsALoginWouldRefuseUnreadFailTheStart() {
        assertThrows(
                IllegalStateException.class,
                () -> credentials("admin", "p".repeat(CredentialBounds.MAX_PASSWORD_BYTES + 1))
                        .init());
        assertThrows(
                IllegalStateException.class,
                () -> credentials("a".repeat(CredentialBounds.MAX_USERNAME_BYTES + 1), "password")
                        .init());
        AdminCredentials longest = credentials(
                "a".repeat(CredentialBounds.MAX_USERNAME_BYTES), "p".repeat(CredentialBounds.MAX_PASSWORD_BYTES));
        longest.init();
        assertTrue(longest.matches(
                "a".repeat(CredentialBounds.MAX_USERNAME_BYTES), "p".repeat(CredentialBounds.MAX_PASSWORD_BYTES)));
    }

    private static AdminCredentials credentials(String username, String password) {
        AdminCredentials credentials = new AdminCredentials();
        credentials.username = username;
        credentials.configuredPassword = Optional.of(password);
        return credentials;
    }
}
