package dev.rockstar.tenancy.reliability;

import dev.rockstar.tenancy.testing.PlacementDatabase;
import dev.rockstar.tenancy.testing.PostgresRole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fuzz's tenants' rows as PostgreSQL stores them, read straight from each database as the
 * tables' owner (whom row-level security does not bind), not through the application under test:
 * the main database's shared tables and schema placements, and the database placement's own
 * database with its tenant table. Counted once for all tenants of a run, by their id prefix.
 */
final class StoredRows {

    static final List<String> TABLES = List.of("document", "document_comment", "tenant_user");

    /** Tenant id, placement, table: count; only what is there. */
    private final Map<String, Map<String, Map<String, Long>>> counts = new HashMap<>();
    /** Ids in the database placement's tenant table. */
    private final Set<String> placed = new TreeSet<>();

    private StoredRows() {}

    /**
     * @param idPrefix what every id of the run's tenants begins with (no {@code %} or {@code _})
     * @param databasePlacement the placement whose tables are the {@link PlacementDatabase}'s
     */
    static StoredRows read(String idPrefix, List<String> placements, String databasePlacement) throws SQLException {
        StoredRows rows = new StoredRows();
        try (Connection main = PostgresRole.OWNER.connect();
                Connection own = PlacementDatabase.connect(PostgresRole.OWNER)) {
            for (String placement : placements) {
                boolean database = placement.equals(databasePlacement);
                rows.count(database ? own : main, placement, schemaOf(placement, database), idPrefix);
            }
            try (PreparedStatement select = own.prepareStatement("select id from public.tenant where id like ?")) {
                select.setString(1, idPrefix + "%");
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.placed.add(result.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    /** A placement's tables: the main schema for {@code shared}, as the deployment declares the others. */
    private static String schemaOf(String placement, boolean database) {
        // the test deployment names no schemas: a schema placement's is tenancy_<name>
        return database || placement.equals("shared") ? "public" : "tenancy_" + placement.replace('-', '_');
    }

    private void count(Connection connection, String placement, String schema, String idPrefix) throws SQLException {
        for (String table : TABLES) {
            try (PreparedStatement select = connection.prepareStatement("select tenant_id, count(*) from " + schema
                    + "." + table + " where tenant_id like ? group by tenant_id")) {
                select.setString(1, idPrefix + "%");
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        counts.computeIfAbsent(result.getString(1), id -> new TreeMap<>())
                                .computeIfAbsent(placement, p -> new TreeMap<>())
                                .put(table, result.getLong(2));
                    }
                }
            }
        }
    }

    /** The tenant's rows in every placement of {@code placements} and table, zeros included. */
    Map<String, Map<String, Long>> of(String tenantId, List<String> placements) {
        Map<String, Map<String, Long>> all = new TreeMap<>();
        Map<String, Map<String, Long>> found = counts.getOrDefault(tenantId, Map.of());
        for (String placement : placements) {
            Map<String, Long> tables = new TreeMap<>();
            for (String table : TABLES) {
                tables.put(table, found.getOrDefault(placement, Map.of()).getOrDefault(table, 0L));
            }
            all.put(placement, tables);
        }
        return all;
    }

    /** Whether the database placement's tenant table holds the tenant. */
    boolean isPlaced(String tenantId) {
        return placed.contains(tenantId);
    }

    /** Ids with rows anywhere, or in the tenant table, whatever the run's model says of them. */
    Set<String> ids() {
        Set<String> ids = new TreeSet<>(counts.keySet());
        ids.addAll(placed);
        return ids;
    }
}
