package dev.rockstar.tenancy.users.control;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tenant users' password hashes: PBKDF2-HMAC-SHA256 with the iterations OWASP asks for today
 * (600,000), set here rather than left to the server's default, which differs by server and
 * version (Jakarta Security's reference implementation used 2,048 for years). A hash made with
 * fewer iterations still verifies, and {@link #isOutdated} tells the login to replace it.
 * <pre>
 * String stored = hashing.hash(password);   // "PBKDF2WithHmacSHA256:600000:&lt;salt&gt;:&lt;hash&gt;"
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

    @PostConstruct
    void configure() {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalStateException("tenancy.password.iterations must be at least " + MIN_ITERATIONS);
        }
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    /** Reading the setting at start makes a bad one fail the deployment, not a login. */
    void onStart(@Observes Startup startup) {
        // the bean is created, and configure() has run, by being observed
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean verify(String password, String stored) {
        return pbkdf2.verify(password.toCharArray(), stored);
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
