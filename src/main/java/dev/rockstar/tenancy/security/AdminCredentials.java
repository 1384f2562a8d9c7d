package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.users.control.CredentialBounds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operators' credentials for the admin API and console. There is no built-in password: when
 * {@code tenancy.admin.password} is not set, a random one is generated at start and logged once.
 */
@ApplicationScoped
class AdminCredentials {

    public static final String ROLE = "tenancy-admin";
    private static final int STAMP_ITERATIONS = 100_000;
    private static final int MIN_ADVISED_PASSWORD = 20;
    private static final Logger LOG = Logger.getLogger(AdminCredentials.class.getName());

    @Inject
    @ConfigProperty(name = "tenancy.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "tenancy.admin.password")
    Optional<String> configuredPassword;

    private byte[] usernameDigest;
    private byte[] passwordDigest;
    private String sessionStamp;

    @PostConstruct
    void init() {
        String password = configuredPassword.filter(p -> !p.isBlank()).orElseGet(() -> {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warning("tenancy.admin.password is not set; the admin password for this start is: " + generated);
            return generated;
        });
        if (!CredentialBounds.fits(username, CredentialBounds.MAX_USERNAME_BYTES)
                || !CredentialBounds.fits(password, CredentialBounds.MAX_PASSWORD_BYTES)) {
            // a login refuses larger credentials unread, so this operator could never sign in
            throw new IllegalStateException(
                    "tenancy.admin.username must have at most " + CredentialBounds.MAX_USERNAME_BYTES
                            + " UTF-8 bytes and tenancy.admin.password at most " + CredentialBounds.MAX_PASSWORD_BYTES);
        }
        if (password.length() < MIN_ADVISED_PASSWORD) {
            // HTTP Basic never refuses the right password for a lock (OperatorLogins): its length is the defence
            LOG.warning("tenancy.admin.password has fewer than " + MIN_ADVISED_PASSWORD
                    + " characters; use a long random one (README's production checklist)");
        }
        usernameDigest = digest(username);
        passwordDigest = digest(password);
        sessionStamp = stamp(username, password);
    }

    /**
     * What a console session records of the credentials it was signed in with, so that it ends
     * once they change (a node started with another password). Slow to invert, like a password
     * hash, because sessions may be written to disk or replicated; computed once per start.
     */
    private static String stamp(String username, String password) {
        try {
            byte[] salt = ("rockstar-tenancy console session of " + username).getBytes(StandardCharsets.UTF_8);
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] key = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, STAMP_ITERATIONS, 128))
                    .getEncoded();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java platform", e);
        }
    }

    /** The stamp of the credentials this node accepts now ({@link OperatorSession}). */
    String sessionStamp() {
        return sessionStamp;
    }

    /**
     * Observing start-up creates the bean then, so the generated password is logged at start
     * and not at the first admin request.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) Startup startup) {
        LOG.fine(() -> "Admin user: " + username);
    }

    /** Compares in constant time, so that response times reveal nothing of either value. */
    public boolean matches(String candidateUsername, String candidatePassword) {
        boolean userMatches = MessageDigest.isEqual(usernameDigest, digest(candidateUsername));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest, digest(candidatePassword));
        return userMatches & passwordMatches;
    }

    public String username() {
        return username;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
