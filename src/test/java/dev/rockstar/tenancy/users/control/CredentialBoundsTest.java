package dev.rockstar.tenancy.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CredentialBoundsTest {

    @Test
    void everyPasswordThatCanBeSetFitsTheLoginsBound() {
        // the most UTF-8 bytes a password of MAX_PASSWORD UTF-16 units can have: 3 per unit ...
        String threeByteUnits = "€".repeat(UserRules.MAX_PASSWORD);
        // ... and 4 per pair of units, or 200 characters beyond the BMP, counted as code points
        String twoHundredEmoji = "😀".repeat(200);
        assertEquals(600, threeByteUnits.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(800, twoHundredEmoji.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(CredentialBounds.fit("a".repeat(100), threeByteUnits));
        assertTrue(CredentialBounds.fit("a".repeat(100), twoHundredEmoji));
        assertTrue(
                UserRules.USERNAME.pattern().endsWith("{1,100}") && 100 <= CredentialBounds.MAX_USERNAME_BYTES,
                "a tenant username has at most 100 ASCII characters");
    }

    @Test
    void countsUtf8BytesExactlyAtTheBound() {
        for (String unit : new String[] {"a", "é", "€", "😀"}) {
            int size = unit.getBytes(StandardCharsets.UTF_8).length;
            String atBound = unit.repeat(CredentialBounds.MAX_PASSWORD_BYTES / size)
                    + "a".repeat(CredentialBounds.MAX_PASSWORD_BYTES % size);
            assertEquals(CredentialBounds.MAX_PASSWORD_BYTES, atBound.getBytes(StandardCharsets.UTF_8).length);
            assertTrue(CredentialBounds.fits(atBound, CredentialBounds.MAX_PASSWORD_BYTES), unit);
            assertFalse(CredentialBounds.fits(atBound + "a", CredentialBounds.MAX_PASSWORD_BYTES), unit);
        }
        assertTrue(CredentialBounds.fits("a".repeat(256), CredentialBounds.MAX_USERNAME_BYTES));
        assertFalse(CredentialBounds.fits("é".repeat(129), CredentialBounds.MAX_USERNAME_BYTES));
    }

    @Test
    void refusesMegabytesWithoutReadingThem() {
        String megabyte = "a".repeat(1_000_000);
        assertFalse(CredentialBounds.fit(megabyte, "password"));
        assertFalse(CredentialBounds.fit("alice", megabyte));
        assertTrue(CredentialBounds.fit(null, null), "a missing field is refused elsewhere, as missing");
    }
}
