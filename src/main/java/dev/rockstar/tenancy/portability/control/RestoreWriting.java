package dev.rockstar.tenancy.portability.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.documents.control.DocumentCounts;
import dev.rockstar.tenancy.persistence.Placements;
import dev.rockstar.tenancy.persistence.TenantRowLock;
import dev.rockstar.tenancy.persistence.TenantRows;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The writing half of a restore: the registry entry (through {@link TenantRegistry}, so its events
 * fire and every node learns of the tenant) and every row of the archive, or nothing. The archive
 * has been checked whole before either runs. In the main database, one transaction; for a tenant
 * in a database placement, the rows in a local transaction of that database and the entry in one
 * of the main database, the rows first: a crash between leaves rows that no registry row leads to
 * (a new tenant's, erased by the next placement of its id) or a tenant still held by the restore
 * with all of the archive's rows, never some of them.
 */
@ApplicationScoped
class RestoreWriting {

    @Inject
    TenantRegistry registry;

    @Inject
    TenantRows rows;

    @Inject
    DocumentCounts documentCounts;

    @Inject
    Placements placements;

    /** This bean through its proxy: each step in a transaction of its own. */
    @Inject
    Instance<RestoreWriting> self;

    /** A new tenant with the archive's rows. */
    TenantInfo create(TenantRegistry.Registration entry, ArchiveReader archive, Map<String, TableCodec> codecs) {
        String placement = entry.placement() == null ? Placements.SHARED : entry.placement();
        if (!placements.isDatabase(placement)) {
            return self.get().createInMainDatabase(entry, archive, codecs);
        }
        String id = entry.id();
        rows.inLocalTransaction(id, placement, connection -> {
            rows.erase(connection, id, placement);
            rows.place(connection, id, placement);
            writeAll(rows.writer(connection, id, placement), archive, codecs, false);
            return null;
        });
        TenantInfo tenant;
        try {
            tenant = self.get().register(entry);
        } catch (RuntimeException e) {
            if (registry.find(id).isEmpty()) {
                rows.inLocalTransaction(id, placement, connection -> rows.erase(connection, id, placement));
            }
            throw e;
        }
        self.get().recount(id);
        return tenant;
    }

    @Transactional
    public TenantInfo register(TenantRegistry.Registration entry) {
        rows.keepPlacedRows(entry.id());
        return registry.register(entry);
    }

    @Transactional
    public void recount(String id) {
        documentCounts.recount(id);
    }

    /** A new tenant in a placement of the main database: its entry and rows in one transaction. */
    @Transactional
    public TenantInfo createInMainDatabase(
            TenantRegistry.Registration entry, ArchiveReader archive, Map<String, TableCodec> codecs) {
        TenantInfo tenant = registry.register(entry);
        try (TenantRows.Writer writer = rows.writer(tenant.id(), tenant.placement())) {
            insert(writer, archive, codecs);
        } catch (SQLException e) {
            throw refusedOrFailed(e, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        documentCounts.recount(tenant.id());
        return tenant;
    }

    /**
     * The tenant's rows replaced by the archive's and its entry set to the archive's: its row held
     * first, so writes of its rows under way end before its rows go, and none start.
     */
    TenantInfo replace(
            String id,
            TenantRegistry.Registration entry,
            ArchiveReader archive,
            Map<String, TableCodec> codecs,
            String hold) {
        String placement = registry.require(id).placement();
        if (!placements.isDatabase(placement)) {
            return self.get().replaceInMainDatabase(id, entry, archive, codecs, hold);
        }
        rows.inLocalTransaction(id, placement, connection -> {
            if (!rows.holdPlaced(connection, id, placement)) {
                throw new ResourceNotFoundException("No tenant with id '" + id + "'");
            }
            writeAll(rows.writer(connection, id, placement), archive, codecs, true);
            return null;
        });
        TenantInfo tenant = self.get().overwrite(id, entry, hold);
        self.get().recount(id);
        return tenant;
    }

    @Transactional
    public TenantInfo overwrite(String id, TenantRegistry.Registration entry, String hold) {
        return registry.overwrite(id, entry, hold);
    }

    /** {@link #replace} in a placement of the main database: rows and entry in one transaction. */
    @Transactional
    public TenantInfo replaceInMainDatabase(
            String id,
            TenantRegistry.Registration entry,
            ArchiveReader archive,
            Map<String, TableCodec> codecs,
            String hold) {
        try (TenantRows.Writer writer = rows.writer(id)) {
            if (!TenantRowLock.holdAgainstWriters(writer.entityManager(), id)) {
                throw new ResourceNotFoundException("No tenant with id '" + id + "'");
            }
            List<TenantRows.Table> tables = rows.tables();
            for (int i = tables.size() - 1; i >= 0; i--) {
                writer.delete(tables.get(i));
            }
            insert(writer, archive, codecs);
        } catch (SQLException e) {
            throw refusedOrFailed(e, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TenantInfo tenant = registry.overwrite(id, entry, hold);
        documentCounts.recount(id);
        return tenant;
    }

    /** Every table's rows of the archive, after the tenant's rows there ({@code replacing}), as SQL exceptions say. */
    private void writeAll(
            TenantRows.Writer writer, ArchiveReader archive, Map<String, TableCodec> codecs, boolean replacing)
            throws SQLException {
        try (writer) {
            if (replacing) {
                List<TenantRows.Table> tables = rows.tables();
                for (int i = tables.size() - 1; i >= 0; i--) {
                    writer.delete(tables.get(i));
                }
            }
            insert(writer, archive, codecs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw refusedOrFailed(e, null);
        }
    }

    private void insert(TenantRows.Writer writer, ArchiveReader archive, Map<String, TableCodec> codecs)
            throws SQLException, IOException {
        archive.nextPass();
        for (TenantRows.Table table : rows.tables()) {
            String name = TableCodec.archiveName(table);
            TableCodec codec = codecs.get(name);
            String file = Manifest.fileOf(name);
            try (TenantRows.Inserter inserter = writer.inserter(table)) {
                archive.forEachRow(file, codec, row -> inserter.add(insert -> codec.bind(insert, row.values())));
            } catch (SQLException e) {
                throw refusedOrFailed(e, file);
            }
        }
    }

    /** A 400 for rows the database refuses by a constraint (a duplicate key, a missing referenced row). */
    private static RuntimeException refusedOrFailed(SQLException e, String file) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("23")) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            return new ValidationFailedException((file == null ? "The archive" : file)
                    + ": its rows break a rule of the table (" + cause.getMessage() + ")");
        }
        return new PersistenceException("Could not write the archive's rows", e);
    }
}
