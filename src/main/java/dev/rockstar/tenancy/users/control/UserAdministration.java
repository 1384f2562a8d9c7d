package dev.rockstar.tenancy.users.control;

import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.persistence.CrossTenantAccess;
import dev.rockstar.tenancy.persistence.TenantRowLock;
import dev.rockstar.tenancy.problems.ConflictException;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
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

/**
 * The operator's administration of tenant users, by tenant id, through {@link CrossTenantAccess}
 * (the one deliberate way across tenants); every change is audited under the tenant. The users'
 * own logins are {@link TenantLogins}. Passwords are kept as PBKDF2 hashes ({@link PasswordHashing}).
 */
@ApplicationScoped
public class UserAdministration {

    @Inject
    CrossTenantAccess crossTenant;

    @Inject
    TenantRegistry registry;

    @Inject
    PasswordHashing hashing;

    @Inject
    AuditLog audit;

    @Transactional
    public TenantUser create(String tenantId, String username, String password, List<String> roles) {
        requireWritable(tenantId);
        String validName = UserRules.username(username);
        List<String> validRoles = UserRules.roles(roles); // before the hash, which costs far more
        String passwordHash =
                hashing.hash(UserRules.password(password), true); // an operator's call: reserved permits too
        TenantUser user = crossTenant.asTenant(tenantId, em -> {
            if (!TenantRowLock.holdForWrite(em, tenantId)) {
                throw new ConflictException("The tenant was deleted while this request ran; nothing was stored");
            }
            if (em.find(TenantUser.class, validName) != null) {
                throw new ConflictException("username", "The tenant already has a user '" + validName + "'");
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
        requireWritable(tenantId);
        crossTenant.asTenant(tenantId, em -> {
            em.remove(existing(em, username));
            return null;
        });
        audit.record(tenantId, "USER_DELETED", "user '" + username + "'");
    }

    @Transactional
    public void resetPassword(String tenantId, String username, String password) {
        requireWritable(tenantId);
        String passwordHash = hashing.hash(UserRules.password(password), true);
        crossTenant.asTenant(tenantId, em -> {
            existing(em, username).resetPassword(passwordHash);
            return null;
        });
        audit.record(tenantId, "USER_PASSWORD_RESET", "user '" + username + "'");
    }

    /**
     * Replaces a user's roles. Sessions keep the user logged in with the new roles from their
     * next request ({@link TenantLogins#current}): a removed role no longer opens what it guarded.
     */
    @Transactional
    public TenantUser changeRoles(String tenantId, String username, List<String> roles) {
        requireWritable(tenantId);
        List<String> validRoles = UserRules.roles(roles);
        TenantUser user = crossTenant.asTenant(tenantId, em -> {
            TenantUser changed = existing(em, username);
            changed.setRoles(validRoles);
            return changed;
        });
        audit.record(tenantId, "USER_ROLES_CHANGED", "user '" + username + "' now with roles " + validRoles);
        return user;
    }

    private void requireTenant(String tenantId) {
        registry.require(tenantId);
    }

    /**
     * Users are tenant-owned rows, frozen with the rest of a read-only tenant's data: a user made
     * while a replacing restore or a move runs would be lost by it. The operator changes the
     * registry entry (the status first) and then the users. A suspended tenant's users may change,
     * unless it is being moved (it stays suspended while its rows move).
     *
     * @throws ConflictException (409) for a read-only tenant, or one being moved
     */
    private void requireWritable(String tenantId) {
        if (registry.require(tenantId).status() == TenantStatus.READ_ONLY) {
            throw new ConflictException(
                    "status",
                    "Tenant '" + tenantId + "' is read-only: its users change once its status is ACTIVE again;"
                            + " nothing was changed");
        }
        if (registry.moveOf(tenantId).isPresent()) {
            throw new ConflictException(
                    "status",
                    "Tenant '" + tenantId + "' is being moved between placements: its users change once the move"
                            + " is over; nothing was changed");
        }
    }

    private static TenantUser existing(EntityManager em, String username) {
        TenantUser user = UserRules.isPossibleUsername(username) ? em.find(TenantUser.class, username) : null;
        if (user == null) {
            throw new ResourceNotFoundException("No user '" + username + "' in this tenant");
        }
        return user;
    }
}
