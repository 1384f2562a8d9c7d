package dev.rockstar.tenancy.users.control;

import dev.rockstar.tenancy.TenantData;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.persistence.CrossTenantAccess;
import dev.rockstar.tenancy.persistence.TenantRowLock;
import dev.rockstar.tenancy.problems.ConflictException;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import dev.rockstar.tenancy.users.entity.TenantUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tenant users. Operators manage them by tenant id (through {@link CrossTenantAccess}, the one
 * deliberate way across tenants); logins check them only within the request's own tenant.
 * Passwords are kept as PBKDF2 hashes ({@link PasswordHashing}).
 */
@ApplicationScoped
public class TenantUsers {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    static final String RESERVED_ROLE_PREFIX = "tenancy-";
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 200;
    /** The {@code roles} column's size, for the roles joined by commas as they are stored. */
    static final int MAX_ROLES_LENGTH = 1000;

    @Inject
    CrossTenantAccess crossTenant;

    @Inject
    TenantRegistry registry;

    @Inject
    PasswordHashing hashing;

    @Inject
    @TenantData
    EntityManager tenantEntityManager;

    @Inject
    AuditLog audit;

    @Transactional
    public TenantUser create(String tenantId, String username, String password, List<String> roles) {
        requireTenant(tenantId);
        String validName = validUsername(username);
        List<String> validRoles = validRoles(roles); // before the hash, which costs far more
        String passwordHash = hashing.hash(validPassword(password), true); // an operator's call: reserved permits too
        TenantUser user = crossTenant.asTenant(tenantId, em -> {
            if (!TenantRowLock.holdForWrite(em, tenantId)) {
                throw new ConflictException("The tenant was deleted while this request ran; nothing was stored");
            }
            if (em.find(TenantUser.class, validName) != null) {
                throw new ConflictException("The tenant already has a user '" + validName + "'");
            }
            TenantUser created = new TenantUser(
                    validName,
                    passwordHash,
                    validRoles,
                    OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
            em.persist(created);
            return created;
        });
        audit.record(tenantId, "USER_CREATED", "user '" + validName + "' with roles " + validRoles);
        return user;
    }

    @Transactional
    public List<TenantUser> list(String tenantId) {
        requireTenant(tenantId);
        return crossTenant.asTenant(
                tenantId,
                em -> em.createQuery("select u from TenantUser u order by u.username", TenantUser.class)
                        .getResultList());
    }

    @Transactional
    public TenantUser get(String tenantId, String username) {
        requireTenant(tenantId);
        return crossTenant.asTenant(tenantId, em -> existing(em, username));
    }

    @Transactional
    public void delete(String tenantId, String username) {
        requireTenant(tenantId);
        crossTenant.asTenant(tenantId, em -> {
            em.remove(existing(em, username));
            return null;
        });
        audit.record(tenantId, "USER_DELETED", "user '" + username + "'");
    }

    @Transactional
    public void resetPassword(String tenantId, String username, String password) {
        requireTenant(tenantId);
        String passwordHash = hashing.hash(validPassword(password), true);
        crossTenant.asTenant(tenantId, em -> {
            existing(em, username).resetPassword(passwordHash);
            return null;
        });
        audit.record(tenantId, "USER_PASSWORD_RESET", "user '" + username + "'");
    }

    /**
     * Replaces a user's roles. Sessions keep the user logged in with the new roles from their
     * next request ({@link #current}): a removed role no longer opens what it guarded.
     */
    @Transactional
    public TenantUser changeRoles(String tenantId, String username, List<String> roles) {
        requireTenant(tenantId);
        List<String> validRoles = validRoles(roles);
        TenantUser user = crossTenant.asTenant(tenantId, em -> {
            TenantUser changed = existing(em, username);
            changed.setRoles(validRoles);
            return changed;
        });
        audit.record(tenantId, "USER_ROLES_CHANGED", "user '" + username + "' now with roles " + validRoles);
        return user;
    }

    /**
     * The user a session was opened for, as it is now: gone when deleted, with another stamp when
     * its password was reset or it was deleted and created again. One primary-key read, run for
     * every request of a logged-in user; nothing is cached, so a change made on any node counts on
     * every node from the next request.
     */
    @Transactional
    public Optional<TenantSession.Current> current(String tenantId, String username) {
        return crossTenant.asTenant(
                tenantId,
                em -> Optional.ofNullable(em.find(TenantUser.class, username))
                        .map(user -> new TenantSession.Current(user.getCredentialStamp(), user.getRoles())));
    }

    /**
     * Checks a login against the users of the request's tenant only. Its hashes run under the
     * caller's {@link PasswordHashing#permit}, taken before Jakarta Security is entered.
     */
    @Transactional
    public Optional<TenantUser> authenticate(String username, String password) {
        if (username == null
                || password == null
                || !CredentialBounds.fit(username, password)
                || !USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        TenantUser user = tenantEntityManager.find(TenantUser.class, username);
        if (user == null) {
            hashing.hash(password); // spend the same time as for a real user
            return Optional.empty();
        }
        if (!hashing.verify(password, user.getPasswordHash())) {
            return Optional.empty();
        }
        if (hashing.isOutdated(user.getPasswordHash())) {
            // only now is the password at hand to hash again; committed with this transaction
            user.rehashPassword(hashing.hash(password));
        }
        return Optional.of(user);
    }

    /** The session of a user of the request's tenant who has just logged in. */
    @Transactional
    public Optional<TenantSession> sessionOf(TenantInfo tenant, String username) {
        return Optional.ofNullable(tenantEntityManager.find(TenantUser.class, username))
                .map(user -> new TenantSession(
                        tenant.id(), tenant.createdAt(), username, user.getCredentialStamp(), user.getRoles()));
    }

    private void requireTenant(String tenantId) {
        registry.require(tenantId);
    }

    private static TenantUser existing(EntityManager em, String username) {
        // A name no user can have is not looked up: PostgreSQL refuses some of them (U+0000) as errors.
        TenantUser user =
                username == null || !USERNAME.matcher(username).matches() ? null : em.find(TenantUser.class, username);
        if (user == null) {
            throw new ResourceNotFoundException("No user '" + username + "' in this tenant");
        }
        return user;
    }

    private static String validUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new ValidationFailedException("username must have 1 to 100 letters, digits or . _ @ -");
        }
        return username;
    }

    /**
     * Counted in UTF-16 units, as always; 200 of them are at most 600 UTF-8 bytes, within the
     * login's bound ({@link CredentialBounds}), so every password that can be set can log in.
     */
    private static String validPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new ValidationFailedException(
                    "password must have " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        return password;
    }

    private static List<String> validRoles(List<String> roles) {
        List<String> valid =
                roles == null ? List.of() : roles.stream().distinct().sorted().toList();
        for (int i = 0; i < valid.size(); i++) {
            if (!ROLE.matcher(valid.get(i)).matches()) {
                throw new ValidationFailedException("roles[" + i + "] must have 1 to 50 letters, digits, _ or -");
            }
            // The operator's role is tenancy-admin; no tenant user may carry a name a container
            // constraint could one day read as it, so the whole prefix is the product's.
            if (valid.get(i).toLowerCase(Locale.ROOT).startsWith(RESERVED_ROLE_PREFIX)) {
                throw new ValidationFailedException("roles[" + i + "] must not start with '" + RESERVED_ROLE_PREFIX
                        + "': those roles are the operator's");
            }
        }
        // Refused here rather than by the database: PostgreSQL and H2 answer a longer value with an error.
        int stored = String.join(",", valid).length();
        if (stored > MAX_ROLES_LENGTH) {
            throw new ValidationFailedException("roles take " + stored + " characters joined by commas; at most "
                    + MAX_ROLES_LENGTH + " are allowed");
        }
        return valid;
    }
}
