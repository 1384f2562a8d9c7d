package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.documents.control.DocumentCounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Test-only resource: the document counts the console reads ({@link DocumentCounts}), and a way
 * to set one with SQL-like directness, to show what the dashboard reads.
 */
@Path("test/document-counts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DocumentCountProbe {

    @Inject
    DocumentCounts counts;

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    /** The kept counts of the tenants asked for ({@code ?ids=a,b}); a tenant without a row is absent. */
    @GET
    public JsonObject of(@QueryParam("ids") String ids) {
        Map<String, Long> all = counts.perTenant();
        JsonObjectBuilder answer = Json.createObjectBuilder();
        for (String id : ids.split(",")) {
            if (all.containsKey(id)) {
                answer.add(id, all.get(id));
            }
        }
        return answer.build();
    }

    @POST
    @Path("{id}/{count}")
    @Transactional
    public void set(@PathParam("id") String id, @PathParam("count") long count) {
        em.createQuery("update DocumentCount c set c.documents = :count where c.tenantId = :id")
                .setParameter("count", count)
                .setParameter("id", id)
                .executeUpdate();
    }
}
