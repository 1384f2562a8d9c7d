package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.GlobalEntity;
import dev.rockstar.tenancy.TenantDiscriminator;
import dev.rockstar.tenancy.audit.entity.AuditEntry;
import dev.rockstar.tenancy.documents.entity.Comment;
import dev.rockstar.tenancy.documents.entity.Document;
import dev.rockstar.tenancy.tenant.entity.Tenant;
import dev.rockstar.tenancy.users.entity.TenantUser;
import jakarta.persistence.Entity;
import java.util.List;
import java.util.Map;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;
import org.junit.jupiter.api.Test;

class PersistenceGuardTest {

    @Entity
    static class Unmarked {}

    @Entity
    @GlobalEntity
    @Multitenant
    @TenantDiscriminatorColumn(
            name = TenantDiscriminator.COLUMN,
            contextProperty = TenantDiscriminator.CONTEXT_PROPERTY,
            primaryKey = true)
    static class Both {}

    @Entity
    @Multitenant(MultitenantType.SINGLE_TABLE)
    @TenantDiscriminatorColumn(
            name = TenantDiscriminator.COLUMN,
            contextProperty = "eclipselink.tenant-id",
            primaryKey = true)
    static class WrongProperty {}

    @Entity
    @Multitenant(MultitenantType.SINGLE_TABLE)
    static class DefaultDiscriminator {}

    @Entity
    @Multitenant(MultitenantType.TABLE_PER_TENANT)
    static class TablePerTenant {}

    @Test
    void theShippedEntitiesPass() {
        for (Class<?> entity :
                List.of(Tenant.class, Document.class, Comment.class, TenantUser.class, AuditEntry.class)) {
            assertEquals(List.of(), PersistenceGuard.violations(entity), entity.getName());
        }
    }

    @Test
    void everyWayOfGettingItWrongIsNamed() {
        assertTrue(PersistenceGuard.violations(Unmarked.class).get(0).contains("neither tenant-owned"));
        assertTrue(PersistenceGuard.violations(Both.class).get(0).contains("both"));
        assertTrue(
                PersistenceGuard.violations(WrongProperty.class).get(0).contains(TenantDiscriminator.CONTEXT_PROPERTY));
        assertTrue(
                PersistenceGuard.violations(DefaultDiscriminator.class).get(0).contains("@TenantDiscriminatorColumn"));
        assertTrue(PersistenceGuard.violations(TablePerTenant.class).get(0).contains("SINGLE_TABLE"));
        for (Class<?> entity : List.of(Unmarked.class, Both.class, WrongProperty.class)) {
            assertTrue(PersistenceGuard.violations(entity).get(0).startsWith(entity.getName()), "names the entity");
        }
    }

    @Test
    void sharedCacheAndNativeSqlAreRefused() {
        List<String> violations = PersistenceGuard.violations(
                List.of(), Map.of(PersistenceGuard.SHARE_CACHE, "true", PersistenceGuard.NATIVE_SQL, "TRUE"));
        assertEquals(2, violations.size());
        assertTrue(violations.get(0).startsWith(PersistenceGuard.SHARE_CACHE));
        assertTrue(violations.get(1).startsWith(PersistenceGuard.NATIVE_SQL));
        assertEquals(List.of(), PersistenceGuard.violations(List.of(), Map.of(PersistenceGuard.SHARE_CACHE, "false")));
    }
}
