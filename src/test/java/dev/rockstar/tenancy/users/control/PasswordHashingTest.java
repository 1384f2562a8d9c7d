package dev.rockstar.tenancy.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.problems.ProblemCode;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The node's bound as {@link PasswordHashing} applies it; the hash itself is the server's, stubbed here. */
class PasswordHashingTest {

    @Test
    void aLoginsHashesRunUnderTheOnePermitItTook() {
        PasswordHashing hashing = hashing(2, 1);
        try (PasswordHashing.Permit login = hashing.permit(false)) {
            // the shared permit is this thread's: a dummy hash, a verify and a rehash all use it
            assertEquals("hash", hashing.hash("password"));
            assertTrue(hashing.verify("password", "hash"));
            assertEquals("hash", hashing.hash("password"));
        }
        assertEquals(0, hashing.permitsInUse());
    }

    @Test
    void unprivilegedLoginsFindTheBoundTakenWhilePrivilegedOnesStillHash() throws Exception {
        PasswordHashing hashing = hashing(2, 1);
        PasswordHashing.Permit elsewhere = onAnotherThread(hashing, false);
        HashingUnavailableException refused =
                assertThrows(HashingUnavailableException.class, () -> hashing.permit(false));
        assertEquals(ProblemCode.UNAVAILABLE, refused.code());
        assertEquals(Map.of("Retry-After", "1"), refused.headers());
        assertThrows(HashingUnavailableException.class, () -> hashing.verify("password", "hash"));

        assertTrue(hashing.verify("password", "hash", true), "a privileged caller takes the reserved permit");
        assertEquals("hash", hashing.hash("password", true));
        elsewhere.close();
        assertTrue(hashing.verify("password", "hash"));
    }

    @Test
    void aBoundWithNothingToShareFailsTheStart() {
        assertThrows(IllegalStateException.class, () -> hashing(1, 1));
        assertThrows(IllegalStateException.class, () -> hashing(0, 0));
        PasswordHashing oneCore = hashing(1, null);
        try (PasswordHashing.Permit only = oneCore.permit(false)) {
            assertEquals(1, oneCore.permitsInUse(), "one processor: its one permit is not reserved");
        }
    }

    private static PasswordHashing.Permit onAnotherThread(PasswordHashing hashing, boolean privileged)
            throws Exception {
        PasswordHashing.Permit[] taken = new PasswordHashing.Permit[1];
        Thread thread = new Thread(() -> taken[0] = hashing.permit(privileged));
        thread.start();
        thread.join();
        return taken[0];
    }

    private static PasswordHashing hashing(int max, Integer reserved) {
        PasswordHashing hashing = new PasswordHashing();
        hashing.pbkdf2 = new StubHash();
        hashing.iterations = 600_000;
        hashing.maxConcurrentHashes = Optional.of(max);
        hashing.reservedHashes = Optional.ofNullable(reserved);
        hashing.hashWaitMillis = 0;
        hashing.configure();
        return hashing;
    }

    private static final class StubHash implements Pbkdf2PasswordHash {

        @Override
        public void initialize(Map<String, String> parameters) {}

        @Override
        public String generate(char[] password) {
            return "hash";
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            return "hash".equals(hashedPassword);
        }
    }
}
