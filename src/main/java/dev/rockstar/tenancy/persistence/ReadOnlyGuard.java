package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.TenantDiscriminator;
import dev.rockstar.tenancy.problems.TenantReadOnlyException;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * The last wall of read-only mode: every statement EclipseLink is about to send that would change
 * rows (an insert, update or delete of an entity, a bulk JPQL update or delete), for an
 * {@code EntityManager} of a tenant that is {@code READ_ONLY}, is refused with 503
 * {@code TENANT_READ_ONLY} instead of being sent, so its transaction rolls back whole. It holds
 * wherever the write comes from: a request the pipeline let through (a {@code GET}, a method marked
 * {@code @ChangesNoData}), a job run through {@code TenantRunner}, work on a managed executor, an
 * operator's path through {@link CrossTenantAccess}.
 * <p>
 * It asks statement by statement, not once per {@code EntityManager}, so a status changed on any
 * node counts from the next statement on (within the change feed's 2 s). It asks memory only
 * ({@link ReadOnlyTenants}): every {@code EntityManager} of a request, job or task knows its
 * tenant's status; an operator's path that writes a tenant's rows checks the status itself
 * (users: 409 while read-only). Reads cost nothing.
 * <p>
 * What passes: statements of {@code EntityManager}s without a tenant (the registry, the audit
 * log), and offboarding, whose {@code EntityManager} says so ({@link #OFFBOARDING}): deleting a
 * read-only tenant deletes its rows. Plain JDBC (an operator's restore on the application's
 * datasource) is not EclipseLink's and is not seen here.
 */
final class ReadOnlyGuard extends SessionEventAdapter {

    /** An {@code EntityManager} property: set on offboarding's, whose deletions pass. */
    static final String OFFBOARDING = "tenancy.offboarding";

    private volatile ReadOnlyTenants tenants;
    private volatile WritesInFlight writes;
    private final PlacementRouting routing = new PlacementRouting();

    @Override
    public void preExecuteCall(SessionEvent event) {
        if (!(event.getCall() instanceof DatabaseCall call)) {
            return;
        }
        DatabaseQuery query = call.getQuery();
        if (query == null || !query.isModifyQuery() || query.getSession() == null) {
            return;
        }
        Session session = query.getSession();
        Object tenant = session.getProperty(TenantDiscriminator.CONTEXT_PROPERTY);
        if (tenant == null || Boolean.TRUE.equals(session.getProperty(OFFBOARDING))) {
            return;
        }
        // counted first: a move that has seen the freeze and finds no write counted can copy.
        // Then the registry's word on the freeze (routing.frozen), not only the status: a request
        // that began before the freeze has bound the tenant ACTIVE, and the directory forgets the
        // tenant on every change, so without it such a request's write at its commit would pass
        // after the move's wait and land in the source after the copy (lost with the source's rows).
        writes().writing(tenant.toString());
        if (tenants().isReadOnly(tenant.toString()) || (routing.active() && routing.frozen(tenant.toString()))) {
            throw new TenantReadOnlyException();
        }
    }

    private WritesInFlight writes() {
        WritesInFlight known = writes;
        if (known == null) {
            known = CDI.current().select(WritesInFlight.class).get();
            writes = known;
        }
        return known;
    }

    /** Made by EclipseLink, not CDI: the registry's bean is looked up on first use. */
    private ReadOnlyTenants tenants() {
        ReadOnlyTenants known = tenants;
        if (known == null) {
            known = CDI.current().select(ReadOnlyTenants.class).get();
            tenants = known;
        }
        return known;
    }
}
