package dev.rockstar.tenancy.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.MultitenantPolicy;
import org.eclipse.persistence.descriptors.SingleTableMultitenantPolicy;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;

/**
 * Which entities and tables are tenant-owned: the one answer, read from the persistence unit's
 * mapping (EclipseLink's descriptors and their multitenant policy), whatever declared it (an
 * annotation, {@code orm.xml}) and whatever the table is named (an explicit {@code @Table} or
 * JPA's default). The deploy-time guard, row-level security (its policies after every
 * migration, its check at start), the operators' paths across tenants and offboarding all ask
 * here, so a new {@code @Multitenant} entity is covered by each without a list to extend.
 *
 * <p>Available before the schema migrations run: the container creates the persistence unit
 * before the application's start-up observers, and reading its descriptors needs a connection to
 * the database, not its tables.
 */
@ApplicationScoped
public class TenantOwnedTables {

    @PersistenceUnit(unitName = "tenancy")
    EntityManagerFactory factory;

    private volatile List<TenantOwnedTable> tables;

    /** Every tenant-owned entity, by entity name. */
    public List<TenantOwnedTable> all() {
        List<TenantOwnedTable> known = tables;
        if (known == null) {
            known = from(factory.unwrap(JpaEntityManagerFactory.class)
                    .getDatabaseSession()
                    .getDescriptors()
                    .values());
            tables = known;
        }
        return known;
    }

    /** The tenant-owned entity's mapping; empty for a global entity or a class that is no entity. */
    public Optional<TenantOwnedTable> of(Class<?> entity) {
        return all().stream().filter(t -> t.entity().equals(entity)).findFirst();
    }

    /** The tables, each once (entities of one inheritance tree may share one), as SQL names them. */
    public List<String> tableNames() {
        return all().stream().map(TenantOwnedTable::table).distinct().sorted().toList();
    }

    // Only methods whose signatures EclipseLink 4 (Jakarta EE 10 servers) and 5 (Payara 7) share:
    // getTables() returns a Vector in one and a List in the other, which fails at run time.
    static List<TenantOwnedTable> from(Collection<ClassDescriptor> descriptors) {
        List<TenantOwnedTable> owned = new ArrayList<>();
        for (ClassDescriptor descriptor : descriptors) {
            MultitenantPolicy policy = descriptor.getMultitenantPolicy();
            if (policy == null || descriptor.isAggregateDescriptor() || descriptor.getDefaultTable() == null) {
                continue;
            }
            String column = null;
            String property = null;
            boolean primaryKey = false;
            if (policy instanceof SingleTableMultitenantPolicy single && single.hasTenantDiscriminatorFields()) {
                Map.Entry<DatabaseField, String> discriminator =
                        single.getTenantDiscriminatorFields().entrySet().stream()
                                .min(Comparator.comparing(e -> e.getKey().getName()))
                                .orElseThrow();
                column = discriminator.getKey().getName();
                property = discriminator.getValue();
                String name = column;
                primaryKey = descriptor.getPrimaryKeyFields().stream()
                        .anyMatch(field -> field.getName().equalsIgnoreCase(name));
            }
            owned.add(new TenantOwnedTable(
                    descriptor.getJavaClass(),
                    descriptor.getAlias(),
                    sqlName(descriptor.getDefaultTable()),
                    policy.isSingleTableMultitenantPolicy() && !policy.isTablePerMultitenantPolicy(),
                    column,
                    property,
                    primaryKey));
        }
        owned.sort(Comparator.comparing(TenantOwnedTable::entityName));
        return List.copyOf(owned);
    }

    /** PostgreSQL folds an unquoted name to lower case and H2 to upper: lower case reaches both. */
    private static String sqlName(DatabaseTable table) {
        String name = table.getName();
        boolean quoted = name.length() > 1 && name.startsWith("\"") && name.endsWith("\"");
        if (quoted) {
            name = name.substring(1, name.length() - 1);
        }
        return quoted || table.shouldUseDelimiters()
                ? "\"" + name.replace("\"", "\"\"") + "\""
                : name.toLowerCase(Locale.ROOT);
    }
}
