package dev.rockstar.tenancy.limits.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String OPERATOR = LoginThrottle.OPERATOR;

    private long now = 1_000_000;
    private final LoginThrottle throttle = new LoginThrottle();

    LoginThrottleTest() {
        throttle.maxPerAccount = 10;
        throttle.maxPerAddress = 100;
        throttle.windowSeconds = 60;
        throttle.memoryBytes = 16L << 20;
        throttle.clock = () -> now;
        throttle.init();
    }

    @Test
    void tenFailuresLockTheClientAtTheAccountForAWindowThenLongerEachTime() {
        fail("acme", "bob", "10.0.0.1", 10);
        TooManyAttemptsException locked =
                assertThrows(TooManyAttemptsException.class, () -> begin("acme", "bob", "10.0.0.1"));
        assertEquals("60", locked.headers().get("Retry-After"));
        assertAdmitted("acme", "alice", "10.0.0.1");
        assertAdmitted("acme", "bob", "10.0.0.2");
        assertAdmitted("globex", "bob", "10.0.0.1");

        now += 60_000;
        assertAdmitted("acme", "bob", "10.0.0.1");
        fail("acme", "bob", "10.0.0.1", 10);
        assertEquals(
                "120",
                assertThrows(TooManyAttemptsException.class, () -> begin("acme", "bob", "10.0.0.1"))
                        .headers()
                        .get("Retry-After"));
    }

    /** Failures of the account from all untrusted clients lock them all, never a device cookie's holder. */
    @Test
    void aDeviceCookieHolderIsNeverLockedByOthersFailures() {
        for (int i = 0; i < 100; i++) {
            fail(OPERATOR, "admin", "198.51.100." + i, 1);
        }
        assertThrows(TooManyAttemptsException.class, () -> begin(OPERATOR, "admin", "10.0.0.1"));
        try (LoginThrottle.Attempt attempt = throttle.begin(OPERATOR, "admin", "10.0.0.1", "device-1")) {
            attempt.succeeded();
        }
        // the holder's own address locked too, by a thousand failures of others behind the same NAT
        for (int i = 0; i < 200; i++) {
            fail("acme", "user" + i, "10.0.0.1", 1);
        }
        assertThrows(TooManyAttemptsException.class, () -> begin("acme", "bob", "10.0.0.1"));
        assertDoesNotThrow(
                () -> throttle.begin("acme", "bob", "10.0.0.1", "device-2").close());
    }

    @Test
    void aDeviceCookieHasALimitOfItsOwn() {
        for (int i = 0; i < 10; i++) {
            try (LoginThrottle.Attempt attempt = throttle.begin("acme", "bob", "10.0.0.1", "stolen")) {
                attempt.failed();
            }
        }
        assertThrows(TooManyAttemptsException.class, () -> throttle.begin("acme", "bob", "10.0.0.9", "stolen"));
        assertDoesNotThrow(
                () -> throttle.begin("acme", "bob", "10.0.0.1", "another").close());
        assertAdmitted("acme", "bob", "10.0.0.1"); // nor are untrusted clients locked by a cookie's failures
    }

    /** A success (a scrape every 15 s) must not wipe what many clients counted against the account. */
    @Test
    void aSuccessForgetsOnlyItsOwnClientsFailures() {
        for (int i = 0; i < 90; i++) {
            fail(OPERATOR, "admin", "198.51.100." + i, 1);
        }
        fail(OPERATOR, "admin", "10.0.0.1", 9);
        try (LoginThrottle.Attempt attempt = throttle.begin(OPERATOR, "admin", "10.0.0.1", null)) {
            attempt.succeeded();
        }
        throttle.succeededUnchecked(OPERATOR, "admin", "10.0.0.2");
        fail(OPERATOR, "admin", "10.0.0.1", 1); // its own count started again, the account's did not
        assertThrows(TooManyAttemptsException.class, () -> begin(OPERATOR, "admin", "10.0.0.3"));
    }

    /** One client's second guess at an account, while the first is being hashed, is refused at once. */
    @Test
    void oneAttemptOfAClientAtAnAccountAtATime() {
        LoginThrottle.Attempt first = begin("acme", "bob", "10.0.0.1");
        TooManyAttemptsException busy =
                assertThrows(TooManyAttemptsException.class, () -> begin("acme", "bob", "10.0.0.1"));
        assertEquals("1", busy.headers().get("Retry-After"));
        assertAdmitted("acme", "alice", "10.0.0.1");
        assertAdmitted("acme", "bob", "10.0.0.2");
        LoginThrottle.Attempt holder = throttle.begin("acme", "bob", "10.0.0.1", "device");
        assertThrows(TooManyAttemptsException.class, () -> throttle.begin("acme", "bob", "10.0.0.3", "device"));
        holder.close();
        first.failed();
        assertAdmitted("acme", "bob", "10.0.0.1");
    }

    @Test
    void attemptsInFlightCountAgainstTheAccountsBound() {
        for (int i = 0; i < 95; i++) {
            fail("acme", "bob", "198.51.100." + i, 1);
        }
        for (int i = 0; i < 5; i++) {
            begin("acme", "bob", "203.0.113." + i); // still being checked
        }
        assertThrows(TooManyAttemptsException.class, () -> begin("acme", "bob", "203.0.113.99"));
    }

    @Test
    void oneAddressTryingManyAccountsIsLockedToo() {
        for (int i = 0; i < 100; i++) {
            fail("acme", "user" + i, "203.0.113.9", 1);
        }
        assertThrows(TooManyAttemptsException.class, () -> begin("acme", "fresh", "203.0.113.9"));
        assertAdmitted("acme", "user1", "203.0.113.10");
        assertAdmitted("acme", "fresh", "203.0.113.10");
    }

    /** Junk in one share evicts nothing of the operator's or of another tenant's, their escalation included. */
    @Test
    void junkEvictsNeitherTheOperatorsNorAnotherTenantsRecords() {
        LoginThrottle small = new LoginThrottle();
        small.maxPerAccount = 10;
        small.maxPerAddress = 100;
        small.windowSeconds = 60;
        small.memoryBytes = 256 * 1024;
        small.clock = () -> now;
        small.init();
        for (int i = 0; i < 100; i++) {
            fail(small, OPERATOR, "admin", "198.51.100." + i);
        }
        for (int i = 0; i < 10; i++) {
            fail(small, "acme", "bob", "10.0.0.1");
        }
        now += 1_000;
        for (int i = 0; i < 50_000; i++) {
            String junk = "junk" + i;
            fail(small, "junk-tenant", junk, "172.16." + (i >> 8 & 0xff) + "." + (i & 0xff));
            fail(small, "\0other operator names", junk, "172.17." + (i >> 8 & 0xff) + "." + (i & 0xff));
            if (i % 5 == 0) {
                fail(small, OPERATOR, "admin", "172.18." + (i >> 8 & 0xff) + "." + (i & 0xff)); // each a new client
            }
        }
        assertThrows(TooManyAttemptsException.class, () -> small.begin(OPERATOR, "admin", "10.9.9.9", null));
        assertThrows(TooManyAttemptsException.class, () -> small.begin("acme", "bob", "10.0.0.1", null));
        assertTrue(small.usedBytes() <= 256 * 1024, () -> small.usedBytes() + " bytes");

        now += 15 * 60_000; // every lock over; the operator's account locks again, for two windows now
        for (int i = 0; i < 100; i++) {
            fail(small, OPERATOR, "admin", "192.0.2." + i);
        }
        assertEquals(
                "120",
                assertThrows(TooManyAttemptsException.class, () -> small.begin(OPERATOR, "admin", "10.9.9.9", null))
                        .headers()
                        .get("Retry-After"));
    }

    /** The records' size does not follow the usernames', and stays within the bound. */
    @Test
    void memoryIsBoundedInBytes() {
        LoginThrottle small = new LoginThrottle();
        small.maxPerAccount = 10;
        small.maxPerAddress = 100;
        small.windowSeconds = 60;
        small.memoryBytes = 1 << 20;
        small.clock = () -> now;
        small.init();
        String big = "x".repeat(100_000);
        for (int i = 0; i < 20_000; i++) {
            fail(
                    small,
                    "tenant" + i % 500,
                    big + i,
                    "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff));
        }
        assertTrue(small.usedBytes() <= 1 << 20, () -> small.usedBytes() + " bytes");
        assertTrue(small.usedBytes() > (1 << 20) / 2, () -> "and it is used: " + small.usedBytes());
    }

    @Test
    void failuresSpreadOverWindowsNeverLock() {
        for (int i = 0; i < 30; i++) {
            fail("acme", "bob", "10.0.0.1", 5);
            now += 61_000;
        }
        assertAdmitted("acme", "bob", "10.0.0.1");
    }

    @Test
    void theLockNeverExceedsFifteenMinutes() {
        for (int i = 0; i < 40; i++) {
            fail("acme", "bob", "10.0.0.1", 10);
            now += 16 * 60_000;
        }
        fail("acme", "bob", "10.0.0.1", 10);
        assertEquals(
                "900",
                assertThrows(TooManyAttemptsException.class, () -> begin("acme", "bob", "10.0.0.1"))
                        .headers()
                        .get("Retry-After"));
    }

    private LoginThrottle.Attempt begin(String owner, String account, String address) {
        return throttle.begin(owner, account, address, null);
    }

    private void assertAdmitted(String owner, String account, String address) {
        assertDoesNotThrow(() -> throttle.begin(owner, account, address, null).close());
    }

    private void fail(String owner, String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            fail(throttle, owner, account, address);
        }
    }

    private static void fail(LoginThrottle throttle, String owner, String account, String address) {
        try (LoginThrottle.Attempt attempt = throttle.begin(owner, account, address, null)) {
            attempt.failed();
        } catch (TooManyAttemptsException locked) {
            // what a guesser gets, and goes on
        }
    }
}
