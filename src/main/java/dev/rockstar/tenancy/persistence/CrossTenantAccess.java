package dev.rockstar.tenancy.persistence;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Id;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.transaction.Transactional;

import org.eclipse.persistence.annotations.Multitenant;

import dev.rockstar.tenancy.TenantDiscriminator;
import dev.rockstar.tenancy.TenantEvent;

/**
 * The one deliberate way across tenants, for operators: counting and erasing a tenant's rows by
 * an explicit tenant id. Everything else reaches tenant-owned data only through the request's
 * tenant. Tenant-owned tables are found from the persistence metamodel, never from a hand-kept
 * list, so a new entity is offboarded without anyone remembering to add it.
 */
@ApplicationScoped
public class CrossTenantAccess {

    private static final Logger LOG = Logger.getLogger(CrossTenantAccess.class.getName());

    @PersistenceUnit(unitName = "tenancy")
    EntityManagerFactory factory;

    /**
     * Runs operator work on one tenant's data, named explicitly, inside the caller's transaction:
     * <pre>
     * crossTenant.asTenant("acme", em -&gt; em.find(TenantUser.class, "alice"));
     * </pre>
     */
    public <T> T asTenant(String tenantId, Function<EntityManager, T> work) {
        EntityManager em = entityManagerOf(tenantId);
        try {
            T result = work.apply(em);
            em.flush();
            return result;
        } finally {
            em.close();
        }
    }

    /**
     * The tenant that owns a row of a tenant-owned entity, by its id, whichever tenant that is:
     * lets the application notice (and audit) a request for another tenant's row while still
     * answering it as not found. Plain SQL on the unit's datasource, derived from the mapping.
     */
    public Optional<String> ownerOf(Class<?> entity, String id) {
        Table table = entity.getAnnotation(Table.class);
        String idColumn = idColumnOf(entity);
        if (table == null || idColumn == null || !entity.isAnnotationPresent(Multitenant.class)) {
            throw new IllegalArgumentException(entity.getName() + " is not a tenant-owned entity with a mapped id");
        }
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = isPostgres(connection)
                     ? ownerQuery(connection, "select " + RowLevelSecurityMigration.ROW_OWNER_FUNCTION + "(?::regclass, ?, ?)",
                             table.name(), idColumn)
                     : connection.prepareStatement("select " + TenantDiscriminator.COLUMN + " from " + table.name()
                             + " where " + idColumn + " = ?")) {
            // the id is the last parameter: of the function call, or of the plain query
            statement.setString(isPostgres(connection) ? 3 : 1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException | NamingException e) {
            LOG.log(Level.WARNING, "Could not look up the owner of " + entity.getSimpleName() + " " + id, e);
            return Optional.empty();
        }
    }

    /**
     * Rows of a tenant-owned entity per tenant, in one grouped query: what the console compares
     * with each tenant's quota without a query per tenant.
     */
    public Map<String, Long> rowsPerTenant(Class<?> entity) {
        Table table = entity.getAnnotation(Table.class);
        if (table == null || !entity.isAnnotationPresent(Multitenant.class)) {
            throw new IllegalArgumentException(entity.getName() + " is not a tenant-owned entity with a mapped table");
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = isPostgres(connection)
                     ? ownerQuery(connection, "select * from " + RowLevelSecurityMigration.ROWS_PER_TENANT_FUNCTION
                             + "(?::regclass)", table.name())
                     : connection.prepareStatement("select " + TenantDiscriminator.COLUMN + ", count(*) from "
                             + table.name() + " group by " + TenantDiscriminator.COLUMN);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.put(result.getString(1), result.getLong(2));
            }
        } catch (SQLException | NamingException e) {
            LOG.log(Level.WARNING, "Could not count the rows of " + entity.getSimpleName() + " per tenant", e);
        }
        return rows;
    }

    /** A call of one of V8's functions, its leading arguments set. */
    private static PreparedStatement ownerQuery(Connection connection, String sql, String... arguments) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < arguments.length; i++) {
            statement.setString(i + 1, arguments[i]);
        }
        return statement;
    }

    /** PostgreSQL, whose row-level security the operators' reads pass only through V8's functions. */
    private static boolean isPostgres(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }

    private static String idColumnOf(Class<?> entity) {
        for (Field field : entity.getDeclaredFields()) {
            if (field.isAnnotationPresent(Id.class)) {
                Column column = field.getAnnotation(Column.class);
                return column == null || column.name().isEmpty() ? field.getName() : column.name();
            }
        }
        return null;
    }

    private static DataSource dataSource() throws NamingException {
        return (DataSource) new InitialContext().lookup(TenancyDataSource.jndiName());
    }

    /** Rows per tenant-owned entity of one tenant. */
    @Transactional
    public Map<String, Long> rowCounts(String tenantId) {
        EntityManager em = entityManagerOf(tenantId);
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (EntityType<?> entity : tenantOwnedEntities()) {
                counts.put(entity.getName(), em.createQuery("select count(e) from " + entity.getName() + " e", Long.class)
                        .getSingleResult());
            }
            return counts;
        } finally {
            em.close();
        }
    }

    /**
     * Offboarding: erases every row of every tenant-owned entity of the tenant being deleted, in
     * the registry's transaction, so that the tenant and its data go together or not at all.
     */
    void onDeleted(@Observes TenantEvent event) {
        if (event.kind() != TenantEvent.Kind.DELETED) {
            return;
        }
        EntityManager em = entityManagerOf(event.tenantId());
        try {
            for (EntityType<?> entity : dependentsFirst(tenantOwnedEntities())) {
                int rows = em.createQuery("delete from " + entity.getName() + " e").executeUpdate();
                LOG.info(() -> "Offboarding " + event.tenantId() + ": deleted " + rows + " " + entity.getName() + " rows");
            }
        } finally {
            em.close();
        }
    }

    private EntityManager entityManagerOf(String tenantId) {
        EntityManager em = factory.createEntityManager(Map.of(TenantDiscriminator.CONTEXT_PROPERTY, tenantId));
        em.joinTransaction();
        return em;
    }

    private List<EntityType<?>> tenantOwnedEntities() {
        List<EntityType<?>> owned = new ArrayList<>();
        for (EntityType<?> entity : factory.getMetamodel().getEntities()) {
            if (entity.getJavaType().isAnnotationPresent(Multitenant.class)) {
                owned.add(entity);
            }
        }
        owned.sort(Comparator.comparing(EntityType::getName));
        return owned;
    }

    /** Entities that reference others come before what they reference, so no foreign key is violated. */
    static List<EntityType<?>> dependentsFirst(List<EntityType<?>> entities) {
        List<EntityType<?>> ordered = new ArrayList<>();
        List<EntityType<?>> remaining = new ArrayList<>(entities);
        while (!remaining.isEmpty()) {
            EntityType<?> next = remaining.stream()
                    .filter(candidate -> remaining.stream().noneMatch(other -> other != candidate && references(other, candidate)))
                    .findFirst()
                    .orElse(remaining.get(0)); // a cycle: the database's cascades must resolve it
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }

    private static boolean references(EntityType<?> from, EntityType<?> to) {
        for (Attribute<?, ?> attribute : from.getAttributes()) {
            if ((attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.MANY_TO_ONE
                    || attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.ONE_TO_ONE)
                    && attribute.getJavaType().equals(to.getJavaType())) {
                return true;
            }
        }
        return false;
    }
}
