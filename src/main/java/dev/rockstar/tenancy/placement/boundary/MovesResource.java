package dev.rockstar.tenancy.placement.boundary;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.placement.control.TenantMoves;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A tenant's moves between placements, to poll while one runs and to look back on after.
 * <pre>
 * curl -u admin:$PASSWORD http://localhost:8080/api/admin/tenants/acme/moves
 * curl -u admin:$PASSWORD http://localhost:8080/api/admin/tenants/acme/moves/{moveId}
 * </pre>
 */
@Path("admin/tenants/{id}/moves")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class MovesResource {

    private static final int MOVES_LISTED = 20;

    @Inject
    TenantRegistry registry;

    @Inject
    TenantMoves moves;

    /** The tenant's moves, the latest first. */
    @GET
    public JsonObject moves(@PathParam("id") String id) {
        TenantInfo tenant = registry.require(id);
        JsonArrayBuilder items = JsonP.createArrayBuilder();
        moves.of(tenant.id(), MOVES_LISTED).forEach(move -> items.add(PlacementResource.json(move)));
        return JsonP.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("{moveId}")
    public JsonObject move(@PathParam("id") String id, @PathParam("moveId") String moveId) {
        return moves.find(id, moveId)
                .map(PlacementResource::json)
                .orElseThrow(() -> new ResourceNotFoundException("No move '" + moveId + "' of tenant '" + id + "'"));
    }
}
