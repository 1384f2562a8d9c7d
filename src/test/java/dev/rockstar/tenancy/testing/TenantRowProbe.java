package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.tenant.entity.Tenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Test-only resource: writes a tenant's rows the way another node (or an operator's SQL) would,
 * past the registry, so that no event of this node announces it.
 */
@Path("test/tenant-rows")
@RequestScoped
public class TenantRowProbe {

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @POST
    @Path("{id}/{host}")
    @Transactional
    public void insert(@PathParam("id") String id, @PathParam("host") String host) {
        Tenant tenant =
                new Tenant(id, "Written elsewhere", TenantStatus.ACTIVE, "{}", OffsetDateTime.now(ZoneOffset.UTC));
        tenant.getHosts().add(host);
        em.persist(tenant);
    }
}
