package dev.rockstar.tenancy.limits.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private long now = 1_000_000;
    private final LoginThrottle throttle = new LoginThrottle();

    LoginThrottleTest() {
        throttle.maxPerAccount = 10;
        throttle.maxPerAddress = 100;
        throttle.windowSeconds = 60;
        throttle.clock = () -> now;
        throttle.init();
    }

    @Test
    void tenFailuresLockTheAccountForAWindowThenLongerEachTime() {
        fail("acme\0bob", "10.0.0.1", 10);
        TooManyAttemptsException locked = assertThrows(TooManyAttemptsException.class,
                () -> throttle.check("acme\0bob", "10.0.0.1"));
        assertEquals("60", locked.headers().get("Retry-After"));
        assertDoesNotThrow(() -> throttle.check("acme\0alice", "10.0.0.1"));

        now += 60_000;
        assertDoesNotThrow(() -> throttle.check("acme\0bob", "10.0.0.1"));
        fail("acme\0bob", "10.0.0.1", 10);
        assertEquals("120", assertThrows(TooManyAttemptsException.class,
                () -> throttle.check("acme\0bob", "10.0.0.1")).headers().get("Retry-After"));
    }

    @Test
    void oneClientCannotLockSomeoneElseOut() {
        fail("operator\0admin", "203.0.113.9", 50);
        assertThrows(TooManyAttemptsException.class, () -> throttle.check("operator\0admin", "203.0.113.9"));
        assertDoesNotThrow(() -> throttle.check("operator\0admin", "10.0.0.1"));
    }

    @Test
    void guessingOneAccountFromManyAddressesLocksIt() {
        for (int i = 0; i < 100; i++) {
            throttle.failed("acme\0bob", "198.51.100." + i);
        }
        assertThrows(TooManyAttemptsException.class, () -> throttle.check("acme\0bob", "10.0.0.1"));
    }

    @Test
    void aSuccessClearsTheAccount() {
        fail("acme\0bob", "10.0.0.1", 9);
        throttle.succeeded("acme\0bob", "10.0.0.1");
        fail("acme\0bob", "10.0.0.1", 9);
        assertDoesNotThrow(() -> throttle.check("acme\0bob", "10.0.0.1"));
    }

    @Test
    void oneAddressTryingManyAccountsIsLockedToo() {
        for (int i = 0; i < 100; i++) {
            throttle.failed("acme\0user" + i, "203.0.113.9");
        }
        assertThrows(TooManyAttemptsException.class, () -> throttle.check("acme\0fresh", "203.0.113.9"));
        assertDoesNotThrow(() -> throttle.check("acme\0user1", "203.0.113.10"));
        assertDoesNotThrow(() -> throttle.check("acme\0fresh", "203.0.113.10"));
    }

    @Test
    void failuresSpreadOverWindowsNeverLock() {
        for (int i = 0; i < 30; i++) {
            fail("acme\0bob", "10.0.0.1", 5);
            now += 61_000;
        }
        assertDoesNotThrow(() -> throttle.check("acme\0bob", "10.0.0.1"));
    }

    @Test
    void theLockNeverExceedsFifteenMinutes() {
        for (int i = 0; i < 40; i++) {
            fail("acme\0bob", "10.0.0.1", 10);
        }
        TooManyAttemptsException locked = assertThrows(TooManyAttemptsException.class,
                () -> throttle.check("acme\0bob", "10.0.0.1"));
        assertEquals("900", locked.headers().get("Retry-After"));
    }

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address);
        }
    }
}
