package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.GlobalEntity;
import dev.rockstar.tenancy.TenantDiscriminator;
import dev.rockstar.tenancy.documents.entity.Document;
import jakarta.persistence.Entity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The guard's rules over the mapping {@link TenantOwnedTables} reads (the deployments check the real one). */
class PersistenceGuardTest {

    @Entity
    static class Unmarked {}

    @Entity
    @GlobalEntity
    static class Global {}

    @Test
    void aProperlyMappedEntityPasses() {
        assertEquals(List.of(), PersistenceGuard.violations(Document.class, Optional.of(owned(Document.class))));
        assertEquals(List.of(), PersistenceGuard.violations(Global.class, Optional.empty()));
        assertEquals(
                List.of(),
                PersistenceGuard.violations(
                        Document.class,
                        Optional.of(new TenantOwnedTable(
                                Document.class,
                                "Document",
                                "document",
                                true,
                                "TENANT_ID",
                                TenantDiscriminator.CONTEXT_PROPERTY,
                                true))),
                "column names compare as SQL compares unquoted ones");
    }

    @Test
    void everyWayOfGettingItWrongIsNamed() {
        TenantOwnedTable right = owned(Unmarked.class);
        Map<String, List<String>> cases = Map.of(
                "neither tenant-owned",
                PersistenceGuard.violations(Unmarked.class, Optional.empty()),
                "both",
                PersistenceGuard.violations(Global.class, Optional.of(owned(Global.class))),
                TenantDiscriminator.CONTEXT_PROPERTY,
                PersistenceGuard.violations(
                        Unmarked.class, Optional.of(with(right, "tenant_id", "eclipselink.tenant-id", true))),
                "@TenantDiscriminatorColumn",
                PersistenceGuard.violations(Unmarked.class, Optional.of(with(right, "tenant_id", null, true))),
                "primaryKey = true",
                PersistenceGuard.violations(
                        Unmarked.class,
                        Optional.of(with(right, "tenant_id", TenantDiscriminator.CONTEXT_PROPERTY, false))),
                "SINGLE_TABLE",
                PersistenceGuard.violations(
                        Unmarked.class,
                        Optional.of(new TenantOwnedTable(
                                Unmarked.class, "Unmarked", "unmarked", false, null, null, false))));
        cases.forEach((expected, violations) -> {
            assertEquals(1, violations.size(), violations::toString);
            assertTrue(violations.get(0).contains(expected), violations.get(0));
            assertTrue(
                    violations.get(0).startsWith(Unmarked.class.getName())
                            || violations.get(0).startsWith(Global.class.getName()),
                    "names the entity");
        });
    }

    @Test
    void sharedCacheAndNativeSqlAreRefused() {
        List<String> violations = PersistenceGuard.violations(
                Map.of(PersistenceGuard.SHARE_CACHE, "true", PersistenceGuard.NATIVE_SQL, "TRUE"));
        assertEquals(2, violations.size());
        assertTrue(violations.get(0).startsWith(PersistenceGuard.SHARE_CACHE));
        assertTrue(violations.get(1).startsWith(PersistenceGuard.NATIVE_SQL));
        assertEquals(List.of(), PersistenceGuard.violations(Map.of(PersistenceGuard.SHARE_CACHE, "false")));
    }

    private static TenantOwnedTable owned(Class<?> entity) {
        return new TenantOwnedTable(
                entity,
                entity.getSimpleName(),
                entity.getSimpleName().toLowerCase(Locale.ROOT),
                true,
                TenantDiscriminator.COLUMN,
                TenantDiscriminator.CONTEXT_PROPERTY,
                true);
    }

    private static TenantOwnedTable with(TenantOwnedTable table, String column, String property, boolean primaryKey) {
        return new TenantOwnedTable(
                table.entity(), table.entityName(), table.table(), true, column, property, primaryKey);
    }
}
