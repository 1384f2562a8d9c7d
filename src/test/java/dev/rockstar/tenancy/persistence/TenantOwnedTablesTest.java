package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.TenantDiscriminator;
import java.util.List;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.RelationalDescriptor;
import org.eclipse.persistence.descriptors.SingleTableMultitenantPolicy;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.junit.jupiter.api.Test;

/** The tenant-owned tables read from descriptors as EclipseLink builds them from a mapping. */
class TenantOwnedTablesTest {

    static class Note {}

    static class Shouting {}

    static class Registry {}

    @Test
    void aMultitenantDescriptorIsTenantOwnedUnderItsTableAndDiscriminator() {
        List<TenantOwnedTable> owned = TenantOwnedTables.from(List.of(
                multitenant(Note.class, "Note", "NOTE", true),
                multitenant(Shouting.class, "Shouting", "\"Shouting\"", false),
                descriptor(Registry.class, "Registry", "registry")));
        assertEquals(
                List.of(
                        new TenantOwnedTable(
                                Note.class,
                                "Note",
                                "note",
                                true,
                                TenantDiscriminator.COLUMN,
                                TenantDiscriminator.CONTEXT_PROPERTY,
                                true),
                        new TenantOwnedTable(
                                Shouting.class,
                                "Shouting",
                                "\"Shouting\"",
                                true,
                                TenantDiscriminator.COLUMN,
                                TenantDiscriminator.CONTEXT_PROPERTY,
                                false)),
                owned,
                "an unquoted name as PostgreSQL folds it, a quoted one quoted; a global entity left out");
    }

    private static ClassDescriptor multitenant(Class<?> type, String alias, String table, boolean inPrimaryKey) {
        ClassDescriptor descriptor = descriptor(type, alias, table);
        SingleTableMultitenantPolicy policy = new SingleTableMultitenantPolicy(descriptor);
        DatabaseField column = new DatabaseField(TenantDiscriminator.COLUMN);
        policy.addTenantDiscriminatorField(TenantDiscriminator.CONTEXT_PROPERTY, column);
        descriptor.setMultitenantPolicy(policy);
        if (inPrimaryKey) {
            descriptor.addPrimaryKeyField(column);
        }
        descriptor.addPrimaryKeyFieldName("id");
        return descriptor;
    }

    private static ClassDescriptor descriptor(Class<?> type, String alias, String table) {
        RelationalDescriptor descriptor = new RelationalDescriptor();
        descriptor.setJavaClass(type);
        descriptor.setAlias(alias);
        descriptor.setTableName(table);
        // as EclipseLink's initialisation does: the first table becomes the default one
        descriptor.setDefaultTable(descriptor.getTables().get(0));
        return descriptor;
    }
}
