package dev.rockstar.tenancy.tenant.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.rockstar.tenancy.TenantConfiguration;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantScoped;

/** The seed's {@code /api/tenant/info}: who am I talking to, resolved from the host alone. */
@Path("tenant/info")
@TenantScoped
@RequestScoped
public class TenantInfoResource {

    @Inject
    TenantContext tenant;

    @Inject
    TenantConfiguration configuration;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject info() {
        TenantInfo info = tenant.require();
        return Json.createObjectBuilder()
                .add("tenant_id", info.id())
                .add("name", info.name())
                .add("hosts", Json.createArrayBuilder(info.hosts()))
                .add("config", configuration.effective().toJson()) // what applies: defaults and its own
                .build();
    }
}
