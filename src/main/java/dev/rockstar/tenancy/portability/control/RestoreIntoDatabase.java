package dev.rockstar.tenancy.portability.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.persistence.TenantRows;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * A restore into a database placement, where no transaction reaches both the main database (the
 * registry) and the placement's (the rows): the rows first, all of them in one local transaction of
 * the placement's database, then the entry in one of the main database. A crash between leaves rows
 * that no registry row leads to (a new tenant's, erased by the next placement of its id) or a tenant
 * still held by the restore with all of the archive's rows, never some of them.
 */
@ApplicationScoped
class RestoreIntoDatabase {

    @Inject
    TenantRegistry registry;

    @Inject
    TenantRows rows;

    @Inject
    RestoreWriting writing;

    /** A new tenant in the database placement {@code placement}; a failed registration erases the rows again. */
    TenantInfo create(
            TenantRegistry.Registration entry,
            String placement,
            ArchiveReader archive,
            Map<String, TableCodec> codecs) {
        String id = entry.id();
        rows.inLocalTransaction(id, placement, connection -> {
            rows.erase(connection, id, placement);
            rows.place(connection, id, placement);
            writing.writeAll(rows.writer(connection, id, placement), archive, codecs, false);
            return null;
        });
        TenantInfo tenant;
        try {
            tenant = writing.register(entry);
        } catch (RuntimeException e) {
            if (registry.find(id).isEmpty()) {
                rows.inLocalTransaction(id, placement, connection -> rows.erase(connection, id, placement));
            }
            throw e;
        }
        writing.recount(id);
        return tenant;
    }

    /** Over a tenant there, held by the restore: its rows replaced, then its entry. */
    TenantInfo replace(
            String id,
            String placement,
            TenantRegistry.Registration entry,
            ArchiveReader archive,
            Map<String, TableCodec> codecs,
            String hold) {
        rows.inLocalTransaction(id, placement, connection -> {
            if (!rows.holdPlaced(connection, id, placement)) {
                throw new ResourceNotFoundException("No tenant with id '" + id + "'");
            }
            writing.writeAll(rows.writer(connection, id, placement), archive, codecs, true);
            return null;
        });
        TenantInfo tenant = writing.overwrite(id, entry, hold);
        writing.recount(id);
        return tenant;
    }
}
