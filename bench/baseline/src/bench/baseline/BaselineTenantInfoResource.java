package bench.baseline;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The benchmark's baseline, never part of the product: the same bytes as the product's
 * {@code GET /api/tenant/info} for the benchmark's tenants ({@code t<N>} named "Tenant N" on host
 * {@code t<N>.bench.localhost}, no configuration), built per request with the same JSON-P and
 * written by the same JAX-RS runtime, but without any tenancy: no resolution, no tenant chain,
 * no filters. What the product costs beyond this is what tenancy costs.
 */
@Path("tenant/info")
public class BaselineTenantInfoResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject info(@HeaderParam("Host") String host) {
        String id = host.substring(0, host.indexOf('.'));
        return JSON.createObjectBuilder()
                .add("tenant_id", id)
                .add("id", id)
                .add("name", "Tenant " + id.substring(1))
                .add("hosts", JSON.createArrayBuilder().add(host))
                .add("config", JSON.createObjectBuilder()
                        .add("features", JSON.createObjectBuilder())
                        .add("limits", JSON.createObjectBuilder())
                        .add("branding", JSON.createObjectBuilder()))
                .build();
    }
}
