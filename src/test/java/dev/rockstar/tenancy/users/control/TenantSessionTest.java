package dev.rockstar.tenancy.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantSessionTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00.123Z");
    private final TenantSession session = new TenantSession("acme", CREATED, "alice", "stamp-1", List.of("manager"));

    @Test
    void aSessionBelongsToTheTenantIncarnationItWasOpenedIn() {
        assertTrue(session.openedIn(tenant("acme", CREATED)));
        assertFalse(session.openedIn(tenant("acme", CREATED.plusMillis(1))), "re-created under the same id");
        assertFalse(session.openedIn(tenant("globex", CREATED)));
    }

    @Test
    void theRolesAreTheUsersCurrentOnesWhileTheCredentialsAreTheSame() {
        assertEquals(
                Optional.of(List.of()), session.rolesNow(Optional.of(new TenantSession.Current("stamp-1", List.of()))));
        assertEquals(
                Optional.of(List.of("clerk", "manager")),
                session.rolesNow(Optional.of(new TenantSession.Current("stamp-1", List.of("clerk", "manager")))));
    }

    @Test
    void aResetPasswordOrADeletedUserEndsTheSession() {
        assertEquals(
                Optional.empty(),
                session.rolesNow(Optional.of(new TenantSession.Current("stamp-2", List.of("manager")))));
        assertEquals(
                Optional.empty(), session.rolesNow(Optional.of(new TenantSession.Current(null, List.of("manager")))));
        assertEquals(Optional.empty(), session.rolesNow(Optional.empty()));
    }

    @Test
    void aUserFromBeforeStampsKeepsItsSessionsUntilItsFirstReset() {
        TenantSession legacy = new TenantSession("acme", CREATED, "old", null, List.of());
        assertEquals(Optional.of(List.of()), legacy.rolesNow(Optional.of(new TenantSession.Current(null, List.of()))));
        assertEquals(Optional.empty(), legacy.rolesNow(Optional.of(new TenantSession.Current("new", List.of()))));
    }

    private static TenantInfo tenant(String id, Instant createdAt) {
        return new TenantInfo(id, id, TenantStatus.ACTIVE, List.of(id + ".test"), TenantConfig.EMPTY, createdAt);
    }
}
