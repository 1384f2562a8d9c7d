package dev.rockstar.tenancy.admin.boundary;

import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
import dev.rockstar.tenancy.tenant.control.HostNames;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Which tenant owns a host, in any of its spellings. */
@Path("admin/hosts/{host}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostsResource {

    @Inject
    TenantRegistry registry;

    @GET
    public JsonObject owner(@PathParam("host") String rawHost) {
        String host = HostNames.normalise(rawHost);
        String tenantId = registry.ownerOf(host)
                .orElseThrow(() -> new ResourceNotFoundException("No tenant owns the host '" + host + "'"));
        return JsonP.createObjectBuilder()
                .add("host", host)
                .add("tenantId", tenantId)
                .build();
    }
}
