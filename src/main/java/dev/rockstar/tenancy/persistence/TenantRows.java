package dev.rockstar.tenancy.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.metamodel.EntityType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.naming.NamingException;

/**
 * One tenant's rows of every tenant-owned table, in bulk and by plain JDBC, for the tenant archive:
 * read from one consistent snapshot, deleted and inserted in the caller's transaction. The tables
 * are {@link TenantOwnedTables}', their columns the database's own (every column, mapped or not),
 * so an application's table is carried with no code. On PostgreSQL each statement runs with the
 * tenant's row-level security setting, as EclipseLink's would.
 */
@ApplicationScoped
public class TenantRows {

    /** Rows fetched per round trip while reading; PostgreSQL streams only with autocommit off. */
    static final int FETCH_SIZE = 1000;
    /** Rows per JDBC batch while inserting. */
    static final int BATCH_SIZE = 500;

    /**
     * A column as the database has it.
     *
     * @param name the name in lower case, as the archive spells it
     * @param sqlName the name as the database reports it, quoted when used
     * @param type its {@link Types} code
     * @param typeName the database's name of the type ({@code timestamptz}, {@code uuid})
     * @param nullable whether it takes {@code NULL}
     * @param length the most characters (or bytes, or digits) it holds; 0 when the driver says nothing
     */
    public record Column(String name, String sqlName, int type, String typeName, boolean nullable, int length) {}

    /**
     * A tenant-owned table shared by tenants.
     *
     * @param name the table as SQL names it ({@link TenantOwnedTable#table()}), and the archive's name for it
     * @param tenantColumn the tenant column as the database reports it
     * @param columns every other column, by name
     * @param key the primary key's columns without the tenant column, in key order (all columns
     *     when the table has no primary key): the order rows are read in
     */
    public record Table(String name, String tenantColumn, List<Column> columns, List<Column> key) {}

    /** Receives the rows of a read, one at a time, in the table's key order. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet row) throws SQLException, IOException;
    }

    @Inject
    TenantOwnedTables tenantOwned;

    @PersistenceUnit(unitName = "tenancy")
    EntityManagerFactory factory;

    @Inject
    TenantEntityManagers managers;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Inject
    Placements placements;

    private volatile List<Table> tables;

    /**
     * Every tenant-owned table that tenants share (a table of its own per tenant has no tenant
     * column to select by, and is left out), tables referenced by others before those that
     * reference them: the order to insert in; deletion goes the other way.
     */
    public List<Table> tables() throws SQLException {
        List<Table> known = tables;
        if (known == null) {
            try (Connection connection = TenancyDataSource.application().getConnection()) {
                List<Table> read = new ArrayList<>();
                for (String table : referencedFirst()) {
                    TenantOwnedTable owned = tenantOwned.all().stream()
                            .filter(t -> t.table().equals(table))
                            .findFirst()
                            .orElseThrow();
                    if (owned.singleTable() && owned.column() != null) {
                        read.add(shape(connection, table, owned.column()));
                    }
                }
                known = List.copyOf(read);
                tables = known;
            } catch (NamingException e) {
                throw new SQLException("The application's datasource is not available", e);
            }
        }
        return known;
    }

    private List<String> referencedFirst() {
        List<EntityType<?>> entities = new ArrayList<>();
        for (TenantOwnedTable table : tenantOwned.all()) {
            entities.add(factory.getMetamodel().entity(table.entity()));
        }
        List<EntityType<?>> dependentsFirst = CrossTenantAccess.dependentsFirst(entities);
        Set<String> order = new LinkedHashSet<>();
        for (int i = dependentsFirst.size() - 1; i >= 0; i--) {
            Class<?> entity = dependentsFirst.get(i).getJavaType();
            tenantOwned.of(entity).ifPresent(t -> order.add(t.table()));
        }
        return List.copyOf(order);
    }

    private static Table shape(Connection connection, String table, String tenantColumn) throws SQLException {
        List<Column> columns = new ArrayList<>();
        String tenant = null;
        try (Statement statement = connection.createStatement();
                ResultSet none = statement.executeQuery("select * from " + table + " where 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String sqlName = meta.getColumnName(i);
                if (sqlName.equalsIgnoreCase(unquoted(tenantColumn))) {
                    tenant = sqlName;
                    continue;
                }
                columns.add(new Column(
                        sqlName.toLowerCase(Locale.ROOT),
                        sqlName,
                        meta.getColumnType(i),
                        meta.getColumnTypeName(i),
                        meta.isNullable(i) != ResultSetMetaData.columnNoNulls,
                        Math.max(0, meta.getPrecision(i))));
            }
        }
        if (tenant == null) {
            throw new SQLException("Table " + table + " has no column " + tenantColumn);
        }
        columns.sort(Comparator.comparing(Column::name));
        Map<String, Column> byName = columns.stream().collect(Collectors.toMap(c -> c.sqlName, c -> c));
        List<Column> key = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        String stored = unquoted(table);
        if (!table.startsWith("\"")) {
            stored = meta.storesUpperCaseIdentifiers() ? stored.toUpperCase(Locale.ROOT) : stored;
        }
        List<String[]> keyColumns = new ArrayList<>();
        try (ResultSet keys = meta.getPrimaryKeys(connection.getCatalog(), connection.getSchema(), stored)) {
            while (keys.next()) {
                keyColumns.add(new String[] {keys.getString("COLUMN_NAME"), keys.getString("KEY_SEQ")});
            }
        }
        keyColumns.sort(Comparator.comparingInt(k -> Integer.parseInt(k[1])));
        for (String[] column : keyColumns) {
            Column known = byName.get(column[0]);
            if (known != null) {
                key.add(known);
            }
        }
        return new Table(table, tenant, List.copyOf(columns), key.isEmpty() ? List.copyOf(columns) : List.copyOf(key));
    }

    private static String unquoted(String name) {
        return name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name;
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * Opens one read-only transaction over the tenant's rows, REPEATABLE READ where the database
     * has it (PostgreSQL: every read sees the same snapshot, while the tenant keeps writing), on a
     * connection of the application's datasource outside any JTA transaction, so a long read is
     * bound by no transaction timeout. Close it to end the transaction.
     */
    public Snapshot snapshot(String tenantId) throws SQLException {
        return snapshot(tenantId, placementOf(tenantId));
    }

    /** {@link #snapshot(String)} of the tenant's rows in a placement, wherever the registry says it is. */
    public Snapshot snapshot(String tenantId, String placement) throws SQLException {
        Connection connection = placements.dataSourceOf(placement).getConnection();
        try {
            return new Snapshot(connection, tenantId, placements.schemaOf(placement));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** One tenant's rows as of one moment; {@link #close()} ends the transaction and hands the connection back as it was. */
    public static final class Snapshot implements AutoCloseable {

        private final Connection connection;
        private final String tenantId;
        private final String schema;
        private final boolean autoCommit;
        private final boolean readOnly;
        private final int isolation;
        private final boolean postgres;

        Snapshot(Connection connection, String tenantId, String schema) throws SQLException {
            this.connection = connection;
            this.tenantId = tenantId;
            this.schema = schema;
            this.autoCommit = connection.getAutoCommit();
            this.readOnly = connection.isReadOnly();
            this.isolation = connection.getTransactionIsolation();
            this.postgres = Postgres.is(connection);
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            if (connection.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            if (postgres) {
                // the first statement of the transaction: its snapshot is taken here
                RowLevelSecurity.set(connection, RowLevelSecurity.TENANT_SETTING, tenantId, true);
            }
        }

        /** Per table, the tenant's rows in this snapshot: how many, and their SHA-256 ({@link TenantRows#digests}). */
        public Map<String, String> digests(List<Table> tables) throws SQLException {
            return TenantRows.digests(connection, tenantId, tables, table -> schema + "." + table.name());
        }

        /** Streams the table's rows of the tenant, in key order, code point by code point for text. */
        public void read(Table table, RowHandler handler) throws SQLException, IOException {
            String sql = inKeyOrder(table, schema + "." + table.name(), postgres);
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setFetchSize(FETCH_SIZE);
                select.setString(1, tenantId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        handler.row(rows);
                    }
                }
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.rollback(); // read only: nothing to keep, and the tenant setting ends with it
            } finally {
                try {
                    connection.setReadOnly(readOnly);
                    connection.setTransactionIsolation(isolation);
                    connection.setAutoCommit(autoCommit);
                } finally {
                    connection.close();
                }
            }
        }
    }

    /** The tenant's placement as this node routes its statements. */
    private String placementOf(String tenantId) {
        return managers.placementOf(tenantId);
    }

    /** Work on a connection of the application's datasource in a local transaction of its own. */
    @FunctionalInterface
    public interface LocalWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a local transaction of its own on a connection of the application's
     * datasource outside any JTA transaction, with the tenant's row-level security setting:
     * committed when it returns, rolled back when it throws. For the steps of a move, each of which
     * must be durable on its own, whatever JTA transaction the caller is in.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T inLocalTransaction(String tenantId, LocalWork<T> work) {
        return inLocalTransaction(tenantId, Placements.SHARED, work);
    }

    /**
     * {@link #inLocalTransaction(String, LocalWork)} on the database of a placement: the main
     * database's for {@value Placements#SHARED} and the schema placements, a database placement's own.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T inLocalTransaction(String tenantId, String placement, LocalWork<T> work) {
        try (Connection connection = placements.dataSourceOf(placement).getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (Postgres.is(connection)) {
                    RowLevelSecurity.set(connection, RowLevelSecurity.TENANT_SETTING, tenantId, true);
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new PersistenceException(
                    "Could not work on the rows of tenant " + tenantId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the tenant's rows of every table from one placement's tables into another's, on the
     * given connection (one database: {@code INSERT ... SELECT}, every column as it is).
     *
     * @return rows copied per table
     */
    public Map<String, Long> copy(Connection connection, String tenantId, String source, String target)
            throws SQLException {
        Map<String, Long> copied = new LinkedHashMap<>();
        for (Table table : tables()) {
            StringBuilder columns = new StringBuilder(quoted(table.tenantColumn()));
            for (Column column : table.columns()) {
                columns.append(", ").append(quoted(column.sqlName()));
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into "
                    + placements.qualified(target, table.name()) + " (" + columns + ") select " + columns + " from "
                    + placements.qualified(source, table.name()) + " where " + quoted(table.tenantColumn()) + " = ?")) {
                insert.setString(1, tenantId);
                copied.put(table.name(), (long) insert.executeUpdate());
            }
        }
        return copied;
    }

    /** Deletes the tenant's rows of every table in a placement, referencing tables first; returns how many. */
    public long delete(Connection connection, String tenantId, String placement) throws SQLException {
        List<Table> all = tables();
        long deleted = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            Table table = all.get(i);
            try (PreparedStatement delete = connection.prepareStatement("delete from "
                    + placements.qualified(placement, table.name()) + " where " + quoted(table.tenantColumn())
                    + " = ?")) {
                delete.setString(1, tenantId);
                deleted += delete.executeUpdate();
            }
        }
        return deleted;
    }

    /**
     * Per table, the tenant's rows in a placement: how many, and a SHA-256 over every column of
     * every row in key order, as the database gives them as text. Two placements of one database
     * that hold the same rows give the same digests.
     */
    public Map<String, String> digests(Connection connection, String tenantId, String placement) throws SQLException {
        return digests(connection, tenantId, tables(), table -> placements.qualified(placement, table.name()));
    }

    private static Map<String, String> digests(
            Connection connection, String tenantId, List<Table> tables, Function<Table, String> qualified)
            throws SQLException {
        Map<String, String> digests = new LinkedHashMap<>();
        boolean postgres = Postgres.is(connection);
        for (Table table : tables) {
            String sql = inKeyOrder(table, qualified.apply(table), postgres);
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long count = 0;
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setFetchSize(FETCH_SIZE);
                select.setString(1, tenantId);
                try (ResultSet rows = select.executeQuery()) {
                    int width = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= width; i++) {
                            String value = rows.getString(i);
                            // a length before each value: no two rows run together into the same text
                            String field = value == null ? "-" : value.length() + ":" + value;
                            sha.update(field.getBytes(StandardCharsets.UTF_8));
                        }
                        sha.update((byte) '\n');
                        count++;
                    }
                }
            }
            digests.put(table.name(), count + " " + HexFormat.of().formatHex(sha.digest()));
        }
        return digests;
    }

    /**
     * Copies the tenant's rows from a placement in another database into a placement's tables on
     * {@code target}, a connection of that database in the caller's local transaction: read from one
     * snapshot of the source, in key order, and inserted in batches, every column as the source
     * database gives it as text (PostgreSQL reads it back as the column's type: the same value).
     *
     * @return rows copied per table
     */
    public Map<String, Long> copyAcross(String tenantId, String source, Connection target, String targetPlacement)
            throws SQLException {
        Map<String, Long> copied = new LinkedHashMap<>();
        String schema = placements.schemaOf(targetPlacement);
        boolean postgres = Postgres.is(target);
        try (Snapshot snapshot = snapshot(tenantId, source)) {
            for (Table table : tables()) {
                try (Inserter inserter = new Inserter(target.prepareStatement(insertInto(schema, table)), tenantId)) {
                    snapshot.read(
                            table,
                            row -> inserter.add(insert -> {
                                for (int i = 0; i < table.columns().size(); i++) {
                                    Column column = table.columns().get(i);
                                    if (!postgres) {
                                        insert.setObject(i + 2, row.getObject(i + 1));
                                    } else if (row.getString(i + 1) == null) {
                                        insert.setNull(i + 2, column.type());
                                    } else {
                                        insert.setObject(i + 2, row.getString(i + 1), Types.OTHER);
                                    }
                                }
                            }));
                    copied.put(table.name(), inserter.inserted());
                } catch (IOException e) {
                    throw new SQLException("Could not copy the rows of " + table.name(), e);
                }
            }
        }
        return copied;
    }

    /** Per table, the tenant's rows in a placement, read in a snapshot of its database of their own. */
    public Map<String, String> digests(String tenantId, String placement) throws SQLException {
        try (Snapshot snapshot = snapshot(tenantId, placement)) {
            return snapshot.digests(tables());
        }
    }

    /**
     * In a database placement, on a connection of its database: its tenant table holds the tenant,
     * whose rows refer to it there; nothing in the main database's placements, whose rows refer to
     * the registry.
     */
    public void place(Connection connection, String tenantId, String placement) throws SQLException {
        if (!placements.isDatabase(placement)) {
            return;
        }
        String tenants = placements.qualified(placement, "tenant");
        try (PreparedStatement insert = connection.prepareStatement("insert into " + tenants
                + " (id) select ? where not exists (select 1 from " + tenants + " where id = ?)")) {
            insert.setString(1, tenantId);
            insert.setString(2, tenantId);
            insert.executeUpdate();
        }
    }

    /**
     * Deletes the tenant's rows in a placement ({@link #delete}) and, in a database placement, its
     * row in the tenant table there after them: first locked, so writes of its rows under way end
     * before, and later ones find it gone.
     *
     * @return rows deleted
     */
    public long erase(Connection connection, String tenantId, String placement) throws SQLException {
        if (!placements.isDatabase(placement)) {
            return delete(connection, tenantId, placement);
        }
        String tenants = placements.qualified(placement, "tenant");
        try (PreparedStatement lock =
                connection.prepareStatement("select id from " + tenants + " where id = ? for update")) {
            lock.setString(1, tenantId);
            lock.executeQuery().close();
        }
        long deleted = delete(connection, tenantId, placement);
        try (PreparedStatement delete = connection.prepareStatement("delete from " + tenants + " where id = ?")) {
            delete.setString(1, tenantId);
            delete.executeUpdate();
        }
        return deleted;
    }

    /**
     * The tenant's rows of a table (every column but the tenant's, the tenant the one parameter),
     * in key order, text by code point: the order both an archive and a move's digests read in.
     */
    private static String inKeyOrder(Table table, String qualifiedTable, boolean postgres) {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < table.columns().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quoted(table.columns().get(i).sqlName()));
        }
        sql.append(" from ")
                .append(qualifiedTable)
                .append(" where ")
                .append(quoted(table.tenantColumn()))
                .append(" = ? order by ");
        for (int i = 0; i < table.key().size(); i++) {
            Column column = table.key().get(i);
            sql.append(i == 0 ? "" : ", ").append(quoted(column.sqlName()));
            if (postgres && isText(column)) {
                sql.append(" collate \"C\""); // the database's collation would order by language
            }
        }
        return sql.toString();
    }

    private static boolean isText(Column column) {
        return switch (column.type()) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> true;
            default -> false;
        };
    }

    /**
     * Writes the tenant's rows in the caller's JTA transaction, on the connection of an
     * EntityManager of the tenant joined to it (the transaction's own, which has seen its earlier
     * writes, such as the tenant's registry row).
     */
    public Writer writer(String tenantId) throws SQLException {
        return writer(tenantId, placementOf(tenantId));
    }

    /** {@link #writer(String)} into the tables of a placement, for a tenant being placed there. */
    public Writer writer(String tenantId, String placement) throws SQLException {
        String schema = placements.schemaOf(placement);
        EntityManager em = managers.open(tenantId, placement, Map.of());
        try {
            em.joinTransaction();
            Connection connection = em.unwrap(Connection.class);
            RowLevelSecurity.applyInTransaction(connection, tenantId, transactions);
            return new Writer(em, connection, tenantId, schema, transactions);
        } catch (SQLException | RuntimeException e) {
            em.close();
            throw e;
        }
    }

    /** An insert of one row of the table: the tenant, then every column in order. */
    private static String insertInto(String schema, Table table) {
        StringBuilder sql = new StringBuilder("insert into ")
                .append(schema)
                .append('.')
                .append(table.name())
                .append(" (")
                .append(quoted(table.tenantColumn()));
        for (Column column : table.columns()) {
            sql.append(", ").append(quoted(column.sqlName()));
        }
        return sql.append(") values (?")
                .append(", ?".repeat(table.columns().size()))
                .append(")")
                .toString();
    }

    /**
     * On a connection of the main database: what the main database keeps of a tenant besides its
     * rows and registry entry (its number of documents), for a tenant gone to a database placement,
     * which keeps its own.
     */
    public int forgetMainBookkeeping(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from " + Placements.quoted(placements.mainSchema()) + ".document_count where tenant_id = ?")) {
            delete.setString(1, tenantId);
            return delete.executeUpdate();
        }
    }

    /**
     * A writer of the tenant's rows in a database placement, on a connection of that database in the
     * caller's local transaction.
     */
    public Writer writer(Connection connection, String tenantId, String placement) throws SQLException {
        return new Writer(null, connection, tenantId, placements.schemaOf(placement), null);
    }

    /**
     * In a database placement, on a connection of its database in the caller's local transaction:
     * holds the tenant's row in its tenant table against the writes of its rows, as
     * {@link TenantRowLock#holdAgainstWriters} does the registry row.
     *
     * @return {@code false} when the tenant is not placed there
     */
    public boolean holdPlaced(Connection connection, String tenantId, String placement) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select id from " + placements.qualified(placement, "tenant") + " where id = ? for update")) {
            lock.setString(1, tenantId);
            try (ResultSet row = lock.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * In the caller's JTA transaction: the registration of this tenant that follows keeps the rows
     * already written to its database placement (a restore's), rather than placing it afresh.
     */
    public void keepPlacedRows(String tenantId) {
        transactions.putResource(KEEP_PLACED + tenantId, Boolean.TRUE);
    }

    /** Whether {@link #keepPlacedRows} was said for the tenant in the caller's transaction. */
    boolean keepsPlacedRows(String tenantId) {
        return transactions.getTransactionStatus() == jakarta.transaction.Status.STATUS_ACTIVE
                && Boolean.TRUE.equals(transactions.getResource(KEEP_PLACED + tenantId));
    }

    private static final String KEEP_PLACED = TenantRows.class.getName() + ".keepPlaced:";

    /** Sets the values of a row about to be inserted: parameters 2 onwards, the table's columns in order. */
    @FunctionalInterface
    public interface RowValues {
        void bind(PreparedStatement insert) throws SQLException;
    }

    /** Deletes and inserts one tenant's rows in the caller's transaction. */
    public static final class Writer implements AutoCloseable {

        private final EntityManager em;
        private final Connection connection;
        private final String tenantId;
        private final String schema;
        private final TransactionSynchronizationRegistry transactions;

        Writer(
                EntityManager em,
                Connection connection,
                String tenantId,
                String schema,
                TransactionSynchronizationRegistry transactions) {
            this.em = em;
            this.connection = connection;
            this.tenantId = tenantId;
            this.schema = schema;
            this.transactions = transactions;
        }

        /** The EntityManager of the tenant whose connection this writes on, joined to the transaction. */
        public EntityManager entityManager() {
            return em;
        }

        /** Deletes the tenant's rows of the table; returns how many. */
        public int delete(Table table) throws SQLException {
            RowLevelSecurity.applyInTransaction(connection, tenantId, transactions);
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from " + schema + "." + table.name() + " where " + quoted(table.tenantColumn()) + " = ?")) {
                delete.setString(1, tenantId);
                return delete.executeUpdate();
            }
        }

        /** Starts inserting rows of the table for the tenant, in batches; close it to send the last one. */
        public Inserter inserter(Table table) throws SQLException {
            RowLevelSecurity.applyInTransaction(connection, tenantId, transactions);
            return new Inserter(connection.prepareStatement(insertInto(schema, table)), tenantId);
        }

        @Override
        public void close() {
            if (em != null) {
                em.close(); // joined to the transaction: its connection stays with it until the end
            }
        }
    }

    /** Inserts one table's rows of a tenant, {@value #BATCH_SIZE} to a batch. */
    public static final class Inserter implements AutoCloseable {

        private final PreparedStatement insert;
        private final String tenantId;
        private int batched;
        private long inserted;

        Inserter(PreparedStatement insert, String tenantId) {
            this.insert = insert;
            this.tenantId = tenantId;
        }

        public void add(RowValues row) throws SQLException {
            insert.setString(1, tenantId);
            row.bind(insert);
            insert.addBatch();
            inserted++;
            if (++batched == BATCH_SIZE) {
                insert.executeBatch();
                batched = 0;
            }
        }

        /** Rows added so far. */
        public long inserted() {
            return inserted;
        }

        /** Sends the last batch. */
        @Override
        public void close() throws SQLException {
            try {
                if (batched > 0) {
                    insert.executeBatch();
                }
            } finally {
                insert.close();
            }
        }
    }
}
