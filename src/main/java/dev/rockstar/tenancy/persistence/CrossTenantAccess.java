package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.TenantDiscriminator;
import dev.rockstar.tenancy.TenantEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.NamingException;

/**
 * The one deliberate way across tenants, for operators: counting and erasing a tenant's rows by
 * an explicit tenant id. Everything else reaches tenant-owned data only through the request's
 * tenant. Tenant-owned entities are {@link TenantOwnedTables}', read from the persistence unit's
 * mapping, never from a hand-kept list, so a new entity is offboarded without anyone remembering
 * to add it.
 */
@ApplicationScoped
public class CrossTenantAccess {

    private static final Logger LOG = Logger.getLogger(CrossTenantAccess.class.getName());

    @PersistenceUnit(unitName = "tenancy")
    EntityManagerFactory factory;

    @Inject
    TenantOwnedTables tenantOwned;

    @Inject
    Placements placements;

    @Inject
    TenantRows rows;

    @Inject
    TenantEntityManagers managers;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

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
     * answering it as not found. Only for the tables of {@link CrossTenantFunctionsMigration#TABLES}
     * (documents, comments), by the column given there; on PostgreSQL through V10's function.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<String> ownerOf(Class<?> entity, String id) {
        String table = askableTable(entity);
        List<String> owners = new ArrayList<>();
        inEveryPlacement(
                "look up the owner of " + entity.getSimpleName() + " " + id, (connection, postgres, placement) -> {
                    if (!owners.isEmpty()) {
                        return;
                    }
                    try (PreparedStatement statement = connection.prepareStatement(
                            postgres
                                    ? "select " + placements.schemaOf(placement) + "."
                                            + CrossTenantFunctionsMigration.ROW_OWNER_FUNCTION + "(?, ?)"
                                    : "select " + TenantDiscriminator.COLUMN + " from "
                                            + placements.qualified(placement, table) + " where "
                                            + CrossTenantFunctionsMigration.TABLES.get(table) + " = ?")) {
                        // the id is the last parameter: of the function call, or of the plain query
                        if (postgres) {
                            statement.setString(1, table);
                        }
                        statement.setString(postgres ? 2 : 1, id);
                        try (ResultSet rows = statement.executeQuery()) {
                            if (rows.next() && rows.getString(1) != null) {
                                owners.add(rows.getString(1));
                            }
                        }
                    }
                });
        return owners.stream().findFirst();
    }

    /**
     * Rows of a tenant-owned entity per tenant, in one grouped query per placement: what the
     * console compares with each tenant's quota without a query per tenant. Only for the tables of
     * {@link CrossTenantFunctionsMigration#TABLES}; on PostgreSQL through V10's function (and its
     * copy in each schema placement).
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Map<String, Long> rowsPerTenant(Class<?> entity) {
        String table = askableTable(entity);
        Map<String, Long> rows = new LinkedHashMap<>();
        inEveryPlacement(
                "count the rows of " + entity.getSimpleName() + " per tenant", (connection, postgres, placement) -> {
                    try (PreparedStatement statement = connection.prepareStatement(
                            postgres
                                    ? "select * from " + placements.schemaOf(placement) + "."
                                            + CrossTenantFunctionsMigration.ROWS_PER_TENANT_FUNCTION + "(?)"
                                    : "select " + TenantDiscriminator.COLUMN + ", count(*) from "
                                            + placements.qualified(placement, table) + " group by "
                                            + TenantDiscriminator.COLUMN)) {
                        if (postgres) {
                            statement.setString(1, table);
                        }
                        try (ResultSet result = statement.executeQuery()) {
                            while (result.next()) {
                                rows.merge(result.getString(1), result.getLong(2), Long::sum);
                            }
                        }
                    }
                });
        return rows;
    }

    /** A question put to one placement's tables. */
    @FunctionalInterface
    private interface PlacementQuery {
        void ask(Connection connection, boolean postgres, String placement) throws SQLException;
    }

    /**
     * Asks every placement that is up: those of the main database on one connection of the
     * application's, each database placement on one of its own; a failure is logged as {@code what}
     * (a database placement that is away leaves out only its own answer). Its callers read outside
     * the caller's transaction, which may be a database placement's alone.
     */
    private void inEveryPlacement(String what, PlacementQuery query) {
        try (Connection connection = TenancyDataSource.application().getConnection()) {
            boolean postgres = Postgres.is(connection);
            for (String placement : placements.names()) {
                if (placements.isAvailable(placement) && !placements.isDatabase(placement)) {
                    query.ask(connection, postgres, placement);
                }
            }
        } catch (SQLException | NamingException e) {
            LOG.log(Level.WARNING, "Could not " + what, e);
        }
        for (Placements.Placement placement : placements.databasePlacements()) {
            if (!placements.isAvailable(placement.name())) {
                continue;
            }
            try (Connection connection =
                    placements.dataSourceOf(placement.name()).getConnection()) {
                query.ask(connection, Postgres.is(connection), placement.name());
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not " + what + " in placement " + placement.name(), e);
            }
        }
    }

    /**
     * Each tenant's kept number of documents in the database placements (the main database keeps
     * its tenants' in its own table): tenants with none left out.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Map<String, Long> documentCountsInDatabasePlacements() {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (placements.databasePlacements().isEmpty()) {
            return counts;
        }
        inEveryPlacement("read the document counts of the database placements", (connection, postgres, placement) -> {
            if (!placements.isDatabase(placement)) {
                return;
            }
            try (PreparedStatement select = connection.prepareStatement("select tenant_id, documents from "
                    + placements.qualified(placement, "document_count") + " where documents > 0")) {
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        counts.merge(result.getString(1), result.getLong(2), Long::sum);
                    }
                }
            }
        });
        return counts;
    }

    /** The entity's table, if it is one the operators' paths may ask about across tenants; the same list on every database. */
    private String askableTable(Class<?> entity) {
        return tenantOwned
                .of(entity)
                .map(TenantOwnedTable::table)
                .filter(CrossTenantFunctionsMigration.TABLES::containsKey)
                .orElseThrow(() -> new IllegalArgumentException(
                        entity.getName() + " is not a tenant-owned entity whose rows may be asked about "
                                + "across tenants (" + CrossTenantFunctionsMigration.TABLES.keySet() + ")"));
    }

    /** Rows per tenant-owned entity of one tenant. */
    @Transactional
    public Map<String, Long> rowCounts(String tenantId) {
        EntityManager em = entityManagerOf(tenantId);
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (EntityType<?> entity : tenantOwnedEntities()) {
                counts.put(
                        entity.getName(),
                        em.createQuery("select count(e) from " + entity.getName() + " e", Long.class)
                                .getSingleResult());
            }
            return counts;
        } finally {
            em.close();
        }
    }

    /**
     * Offboarding: erases every row of every tenant-owned entity of the tenant being deleted that
     * is in the main database, in the registry's transaction, so that the tenant and its data there
     * go together or not at all. A database placement's rows go after that transaction has
     * committed ({@link #eraseFromDatabasePlacements}): no transaction spans two databases.
     */
    void onDeleted(@Observes TenantEvent event) {
        if (event.kind() != TenantEvent.Kind.DELETED) {
            return;
        }
        String current =
                event.before() == null ? Placements.SHARED : event.before().placement();
        boolean inDatabase = placements.isDatabase(current);
        // Marked as offboarding: a read-only tenant's rows go with it too (ReadOnlyGuard). A tenant
        // in a database placement: what a move may have left in the main database's shared tables.
        EntityManager em = managers.open(
                event.tenantId(),
                inDatabase ? Placements.SHARED : current,
                Map.of(ReadOnlyGuard.OFFBOARDING, Boolean.TRUE));
        em.joinTransaction();
        try {
            for (EntityType<?> entity : dependentsFirst(tenantOwnedEntities())) {
                int rows =
                        em.createQuery("delete from " + entity.getName() + " e").executeUpdate();
                LOG.info(() ->
                        "Offboarding " + event.tenantId() + ": deleted " + rows + " " + entity.getName() + " rows");
            }
            if (placements.any()) {
                // and what a move may have left elsewhere in the main database (a copy its failure
                // could not remove): every placement's tables there refer to the registry row about to go
                Connection connection = em.unwrap(Connection.class);
                RowLevelSecurity.applyInTransaction(connection, event.tenantId(), transactions);
                for (String placement : placements.names()) {
                    if (!placement.equals(current)
                            && !placements.isDatabase(placement)
                            && placements.isAvailable(placement)) {
                        long left = rows.delete(connection, event.tenantId(), placement);
                        if (left > 0) {
                            LOG.info(() -> "Offboarding " + event.tenantId() + ": deleted " + left + " rows left in "
                                    + placement);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not delete the rows of tenant " + event.tenantId(), e);
        } finally {
            em.close();
        }
    }

    /**
     * After a deletion has committed: the tenant's rows in every database placement, each in a
     * local transaction of its database. A placement that cannot be reached now keeps them, out
     * of every client's sight (no registry row leads there), until they are erased by the next
     * tenant placed there under that id, the next move there, or this again.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void eraseFromDatabasePlacements(String tenantId) {
        for (Placements.Placement placement : placements.databasePlacements()) {
            if (!placements.isAvailable(placement.name())) {
                LOG.warning(() -> "Offboarding " + tenantId + ": placement " + placement.name()
                        + " is unavailable; what the tenant had there stays out of sight until it is erased");
                continue;
            }
            try {
                long erased = rows.inLocalTransaction(
                        tenantId, placement.name(), c -> rows.erase(c, tenantId, placement.name()));
                if (erased > 0) {
                    LOG.info(() -> "Offboarding " + tenantId + ": deleted " + erased + " rows in " + placement.name());
                }
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Offboarding " + tenantId + ": could not erase its rows in " + placement.name(),
                        e);
            }
        }
    }

    /**
     * A tenant registered in a database placement: the tenant table there holds it, whose rows
     * refer to it, after whatever an earlier tenant of that id may have left there. In a local
     * transaction of that database, before the registry's commits: a registration that then fails
     * leaves only that row, which the next placement of the id replaces.
     */
    void onRegistered(@Observes TenantEvent event) {
        if (event.kind() != TenantEvent.Kind.REGISTERED
                || event.after() == null
                || !placements.isDatabase(event.after().placement())
                || rows.keepsPlacedRows(event.tenantId())) {
            return;
        }
        String placement = event.after().placement();
        rows.inLocalTransaction(event.tenantId(), placement, c -> {
            rows.erase(c, event.tenantId(), placement);
            rows.place(c, event.tenantId(), placement);
            return null;
        });
    }

    private EntityManager entityManagerOf(String tenantId) {
        EntityManager em = managers.open(tenantId);
        em.joinTransaction();
        return em;
    }

    /** The metamodel's view of each tenant-owned entity, for its JPQL name and its references. */
    private List<EntityType<?>> tenantOwnedEntities() {
        List<EntityType<?>> owned = new ArrayList<>();
        for (TenantOwnedTable table : tenantOwned.all()) {
            owned.add(factory.getMetamodel().entity(table.entity()));
        }
        return owned;
    }

    /** Entities that reference others come before what they reference, so no foreign key is violated. */
    static List<EntityType<?>> dependentsFirst(List<EntityType<?>> entities) {
        List<EntityType<?>> ordered = new ArrayList<>();
        List<EntityType<?>> remaining = new ArrayList<>(entities);
        while (!remaining.isEmpty()) {
            EntityType<?> next = remaining.stream()
                    .filter(candidate ->
                            remaining.stream().noneMatch(other -> other != candidate && references(other, candidate)))
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
