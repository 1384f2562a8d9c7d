package dev.rockstar.tenancy.users.control;

import dev.rockstar.tenancy.users.entity.TenantUser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tenant users' password hashes: PBKDF2-HMAC-SHA256 with the iterations OWASP asks for today
 * (600,000), set here rather than left to the server's default, which differs by server and
 * version (Jakarta Security's reference implementation used 2,048 for years). A hash made with
 * fewer iterations still verifies, and {@link #isOutdated} tells the login to replace it.
 * <p>
 * Each hash costs 0.1 to 0.3 s of one core, so the node computes only
 * {@code tenancy.password.max-concurrent-hashes} at once ({@link HashingPermits}), some of them
 * ({@code tenancy.password.reserved-hashes}) kept for privileged callers; a caller that finds no
 * permit within {@code tenancy.password.hash-wait-millis} gets 503 {@code UNAVAILABLE}
 * ({@link HashingUnavailableException}). A login takes its permit before it enters Jakarta
 * Security, because an exception thrown inside an authentication mechanism becomes the
 * container's bare 500 on Payara and GlassFish; the hashes made under it use that permit:
 * <pre>
 * String stored = hashing.hash(password, true);   // "PBKDF2WithHmacSHA256:600000:&lt;salt&gt;:&lt;hash&gt;"
 * try (PasswordHashing.Permit permit = hashing.permit(hasValidDeviceCookie)) {   // 503 UNAVAILABLE
 *     security.authenticate(…);   // TenantLogins.authenticate verifies under this permit
 * }
 * </pre>
 */
@ApplicationScoped
public class PasswordHashing {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int MIN_ITERATIONS = 600_000;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "tenancy.password.iterations", defaultValue = "600000")
    int iterations;

    /** Default: the node's processors. */
    @Inject
    @ConfigProperty(name = "tenancy.password.max-concurrent-hashes")
    Optional<Integer> maxConcurrentHashes;

    /** Default: 1, or 0 where only one hash may run at all. */
    @Inject
    @ConfigProperty(name = "tenancy.password.reserved-hashes")
    Optional<Integer> reservedHashes;

    @Inject
    @ConfigProperty(name = "tenancy.password.hash-wait-millis", defaultValue = "2000")
    long hashWaitMillis;

    /** The permit the current thread holds, so that the hashes of one login take one permit. */
    private final ThreadLocal<Permit> held = new ThreadLocal<>();

    private HashingPermits permits;

    /** A permit to hash; close it (try-with-resources) to give it back. */
    public interface Permit extends AutoCloseable {

        @Override
        void close();
    }

    @PostConstruct
    void configure() {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalStateException("tenancy.password.iterations must be at least " + MIN_ITERATIONS);
        }
        int total = maxConcurrentHashes.orElse(Runtime.getRuntime().availableProcessors());
        int reserved = reservedHashes.orElse(total > 1 ? 1 : 0);
        if (total < 1 || reserved < 0 || reserved >= total || hashWaitMillis < 0) {
            throw new IllegalStateException("tenancy.password.max-concurrent-hashes (" + total
                    + ") must be at least 1, tenancy.password.reserved-hashes (" + reserved
                    + ") from 0 to one less, and tenancy.password.hash-wait-millis (" + hashWaitMillis
                    + ") not negative");
        }
        permits = new HashingPermits(total, reserved);
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm",
                ALGORITHM,
                "Pbkdf2PasswordHash.Iterations",
                Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes",
                "32",
                "Pbkdf2PasswordHash.KeySizeBytes",
                "32"));
    }

    /** Reading the setting at start makes a bad one fail the deployment, not a login. */
    void onStart(@Observes Startup startup) {
        // the bean is created, and configure() has run, by being observed
    }

    /**
     * A permit for the hashes this thread computes until it is closed: the one it already holds,
     * if any (closing that one then gives nothing back), else a new one, waited for up to
     * {@code tenancy.password.hash-wait-millis}.
     *
     * @param privileged the caller may use the reserved permits: a client presenting a valid
     *        device cookie for the account, or an operator setting a password
     * @throws HashingUnavailableException 503 {@code UNAVAILABLE} when none became free in time
     */
    public Permit permit(boolean privileged) {
        if (held.get() != null) {
            return () -> {};
        }
        HashingPermits.Pool pool = acquire(privileged);
        Permit permit = new Permit() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    held.remove();
                    permits.release(pool);
                }
            }
        };
        held.set(permit);
        return permit;
    }

    private HashingPermits.Pool acquire(boolean privileged) {
        try {
            HashingPermits.Pool pool = permits.tryAcquire(privileged, TimeUnit.MILLISECONDS.toNanos(hashWaitMillis));
            if (pool != null) {
                return pool;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new HashingUnavailableException();
    }

    /** Hashes under the thread's permit, or an unprivileged one of its own. */
    public String hash(String password) {
        return hash(password, false);
    }

    public String hash(String password, boolean privileged) {
        try (Permit permit = permit(privileged)) {
            return pbkdf2.generate(password.toCharArray());
        }
    }

    /** Verifies under the thread's permit, or an unprivileged one of its own. */
    public boolean verify(String password, String stored) {
        return verify(password, stored, false);
    }

    public boolean verify(String password, String stored, boolean privileged) {
        try (Permit permit = permit(privileged)) {
            if (TenantUser.NO_PASSWORD.equals(stored)) {
                // a user without a password: the time a real check takes, so no one learns it has none
                pbkdf2.generate(password.toCharArray());
                return false;
            }
            return pbkdf2.verify(password.toCharArray(), stored);
        }
    }

    /** For tests. */
    int permitsInUse() {
        return permits.inUse();
    }

    /** Whether a stored hash was made with another algorithm or fewer iterations than now configured. */
    public boolean isOutdated(String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
            return true;
        }
        try {
            return Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
