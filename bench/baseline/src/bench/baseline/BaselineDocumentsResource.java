package bench.baseline;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The benchmark's baseline of {@code GET /api/documents}, never part of the product: the product's
 * resource and JSON, an application-scoped resource over an application-scoped transactional bean
 * like the product's, on a table without the tenant column and without any tenancy.
 */
@Path("documents")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BaselineDocumentsResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    PlainDocuments documents;

    @GET
    public JsonObject list(@QueryParam("offset") @DefaultValue("0") int offset,
                           @QueryParam("limit") @DefaultValue("50") int limit) {
        PlainDocuments.Page page = documents.list(offset, limit);
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.items().forEach(d -> items.add(JSON.createObjectBuilder()
                .add("id", d.getId())
                .add("title", d.getTitle())
                .add("content", d.getContent())
                .add("createdAt", d.getCreatedAt().toInstant().toString())
                .build()));
        return JSON.createObjectBuilder().add("items", items).add("total", page.total()).build();
    }

    /** Set-up of the benchmark: the same documents for the product's tenant and in the plain table. */
    @POST
    @Path("fill")
    public void fill(@QueryParam("tenant") String tenantId, @QueryParam("count") int count) throws SQLException {
        documents.fill(tenantId, count);
    }
}
