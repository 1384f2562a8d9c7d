package dev.rockstar.tenancy.portability.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.documents.control.DocumentCounts;
import dev.rockstar.tenancy.persistence.TenantRowLock;
import dev.rockstar.tenancy.persistence.TenantRows;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
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
 * has been checked whole before either runs. For a tenant in the main database, one transaction;
 * for one in a database placement, the steps {@link RestoreIntoDatabase} takes, each a transaction
 * of one database.
 */
@ApplicationScoped
class RestoreWriting {

    @Inject
    TenantRegistry registry;

    @Inject
    TenantRows rows;

    @Inject
    DocumentCounts documentCounts;

    /**
     * Registration of a tenant whose rows a restore has written to its database placement already
     * ({@link RestoreIntoDatabase}): the rows are kept, not placed afresh.
     */
    @Transactional
    TenantInfo register(TenantRegistry.Registration entry) {
        rows.keepPlacedRows(entry.id());
        return registry.register(entry);
    }

    @Transactional
    void recount(String id) {
        documentCounts.recount(id);
    }

    /** A new tenant in a placement of the main database: its entry and rows in one transaction. */
    @Transactional
    TenantInfo create(TenantRegistry.Registration entry, ArchiveReader archive, Map<String, TableCodec> codecs) {
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

    @Transactional
    TenantInfo overwrite(String id, TenantRegistry.Registration entry, String hold) {
        return registry.overwrite(id, entry, hold);
    }

    /**
     * Over a tenant in a placement of the main database: its rows replaced by the archive's and its
     * entry set to the archive's, in one transaction; its registry row held first, so writes of its
     * rows under way end before its rows go, and none start.
     */
    @Transactional
    TenantInfo replace(
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
    void writeAll(TenantRows.Writer writer, ArchiveReader archive, Map<String, TableCodec> codecs, boolean replacing)
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
