package dev.rockstar.tenancy.testing;

import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Test-only resource: writes an audit entry of a given age with plain SQL, as an entry written
 * that long ago would be (the application itself only ever writes entries of now).
 */
@Path("test/audit-rows")
@RequestScoped
public class AuditRowProbe {

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @POST
    @Path("{id}/{event}/{hoursAgo}")
    @Transactional
    public void insert(
            @PathParam("id") String id, @PathParam("event") String event, @PathParam("hoursAgo") long hoursAgo) {
        em.createNativeQuery("INSERT INTO audit_log (id, at, tenant_id, event, actor, remote_address, detail, channel,"
                        + " repeat_count) VALUES (?, ?, NULL, ?, 'test', '-', 'written by AuditRowProbe', 'system', 1)")
                .setParameter(1, id)
                .setParameter(2, Timestamp.from(Instant.now().minus(Duration.ofHours(hoursAgo))))
                .setParameter(3, event)
                .executeUpdate();
    }
}
