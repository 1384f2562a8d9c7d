package dev.rockstar.tenancy.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rockstar.tenancy.users.control.CredentialBounds;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The operator's HTTP Basic header, read by {@link TenancyAuthentication#basic}. */
class BasicHeaderTest {

    @Test
    void theLargestCredentialsThatFitAreRead() {
        String username = "ü".repeat(CredentialBounds.MAX_USERNAME_BYTES / 2);
        String password = "€".repeat(CredentialBounds.MAX_PASSWORD_BYTES / 3) + "a";
        UsernamePasswordCredential read =
                TenancyAuthentication.basic(basic(username, password).replace(" ", "   ") + "  ");
        assertEquals(username, read.getCaller());
        assertEquals(password, read.getPasswordAsString());
    }

    @Test
    void credentialsOverTheirBoundAreNone() {
        assertNull(TenancyAuthentication.basic(basic("a".repeat(CredentialBounds.MAX_USERNAME_BYTES + 1), "password")));
        assertNull(TenancyAuthentication.basic(basic("admin", "p".repeat(CredentialBounds.MAX_PASSWORD_BYTES + 1))));
    }

    @Test
    void aHeaderOfAMegabyteIsNotDecoded() {
        // not even valid Base64: decoding it would fail, so a null here can only come from its length
        String header = "Basic " + "!".repeat(1 << 20);
        assertNull(TenancyAuthentication.basic(header));
        assertNull(TenancyAuthentication.basic("Basic " + "A".repeat(TenancyAuthentication.MAX_BASIC_HEADER)));
    }

    private static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
