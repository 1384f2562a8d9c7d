package dev.rockstar.tenancy.admin.boundary;

import dev.rockstar.tenancy.cluster.ClusterNode;
import dev.rockstar.tenancy.json.JsonP;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Which node answers and how many live nodes it counts (and so which share of a tenant's rate it admits). */
@Path("admin/cluster")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    ClusterNode node;

    @GET
    public JsonObject state() {
        return JsonP.createObjectBuilder()
                .add("node", node.id())
                .add("liveNodes", node.liveNodes())
                .build();
    }
}
