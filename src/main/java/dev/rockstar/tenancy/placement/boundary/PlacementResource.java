package dev.rockstar.tenancy.placement.boundary;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.placement.control.TenantMoves;
import dev.rockstar.tenancy.placement.entity.TenantMove;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.rest.JsonBodies;
import dev.rockstar.tenancy.tenant.control.TenantJson;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A tenant's placement and its moves (docs/PLACEMENTS.md).
 * <pre>
 * curl -u admin:$PASSWORD -X PUT -H 'Content-Type: application/json' -d '{"placement":"premium"}' \
 *      http://localhost:8080/api/admin/tenants/acme/placement        # 202, Location: .../moves/{moveId}
 * curl -u admin:$PASSWORD http://localhost:8080/api/admin/tenants/acme/moves/{moveId}   # "state": "DONE"
 * </pre>
 */
@Path("admin/tenants/{id}/placement")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlacementResource {

    @Inject
    TenantRegistry registry;

    @Inject
    TenantMoves moves;

    /** Where the tenant's rows are, and the move under way if there is one. */
    @GET
    public JsonObject placement(@PathParam("id") String id) {
        TenantInfo tenant = registry.require(id);
        JsonObjectBuilder json = JsonP.createObjectBuilder().add("placement", tenant.placement());
        registry.moveOf(tenant.id())
                .flatMap(moveId -> moves.find(tenant.id(), moveId))
                .ifPresentOrElse(move -> json.add("move", json(move)), () -> json.addNull("move"));
        return json.build();
    }

    /**
     * Moves the tenant to another placement: 202 with the move to poll; 200 with the tenant when it
     * is there already; 409 while a move is under way.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response move(@PathParam("id") String id, String body, @Context SecurityContext security) {
        JsonObject json = JsonBodies.object(body, Set.of("placement"));
        String target = JsonBodies.string(json, "placement");
        if (target == null) {
            throw new ValidationFailedException("placement", "placement is required: the name of a placement");
        }
        TenantInfo tenant = registry.require(id);
        if (tenant.placement().equals(target) && registry.moveOf(tenant.id()).isEmpty()) {
            return Response.ok(TenantJson.tenant(tenant)).build(); // nothing to move: PUT is idempotent
        }
        String actor = security.getUserPrincipal() == null
                ? "anonymous"
                : security.getUserPrincipal().getName();
        TenantMove move = moves.start(tenant.id(), target, actor);
        return Response.accepted(json(move))
                .location(URI.create("admin/tenants/" + tenant.id() + "/moves/" + move.getId()))
                .build();
    }

    static JsonObject json(TenantMove move) {
        JsonObjectBuilder json = JsonP.createObjectBuilder()
                .add("id", move.getId())
                .add("tenantId", move.getTenantId())
                .add("from", move.getSource())
                .add("to", move.getTarget())
                .add("state", move.getState().name())
                .add("done", move.getState().ended())
                .add("previousStatus", move.getPreviousStatus().name())
                .add("startedBy", move.getActor())
                .add("startedAt", move.getStartedAt().toInstant().toString());
        optional(json, "rowsCopied", move.getRowsCopied());
        if (move.getThawedAt() != null) {
            json.add(
                    "readOnlyMillis",
                    Duration.between(move.getFrozenAt(), move.getThawedAt()).toMillis());
        } else {
            json.addNull("readOnlyMillis");
        }
        instant(json, "finishedAt", move.getFinishedAt());
        if (move.getDetail() != null) {
            json.add("detail", move.getDetail());
        } else {
            json.addNull("detail");
        }
        return json.build();
    }

    private static void optional(JsonObjectBuilder json, String name, Long value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static void instant(JsonObjectBuilder json, String name, OffsetDateTime value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value.toInstant().toString());
        }
    }
}
