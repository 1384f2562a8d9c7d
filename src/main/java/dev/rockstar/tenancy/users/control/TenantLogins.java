package dev.rockstar.tenancy.users.control;

import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantData;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.persistence.CrossTenantAccess;
import dev.rockstar.tenancy.users.entity.TenantUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Tenant users' logins and sessions: a login is checked only against the users of the request's
 * own tenant; a session is checked against its user as it is now on every request. The
 * operator's administration of the users is {@link UserAdministration}.
 */
@ApplicationScoped
public class TenantLogins {

    @Inject
    CrossTenantAccess crossTenant;

    @Inject
    PasswordHashing hashing;

    @Inject
    TenantContext tenant;

    @Inject
    @TenantData
    EntityManager tenantEntityManager;

    /**
     * Checks a login against the users of the request's tenant only. Its hashes run under the
     * caller's {@link PasswordHashing#permit}, taken before Jakarta Security is entered.
     */
    @Transactional
    public Optional<TenantUser> authenticate(String username, String password) {
        if (username == null
                || password == null
                || !CredentialBounds.fit(username, password)
                || !UserRules.isPossibleUsername(username)) {
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
        if (hashing.isOutdated(user.getPasswordHash()) && tenant.require().writable()) {
            // only now is the password at hand to hash again; committed with this transaction.
            // Not while the tenant is read-only: its rows are frozen, and the login must still work.
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
}
