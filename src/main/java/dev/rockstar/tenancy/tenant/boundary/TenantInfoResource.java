package dev.rockstar.tenancy.tenant.boundary;

import dev.rockstar.tenancy.TenantConfiguration;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.tenant.control.TenantJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/tenant/info}: who am I talking to, resolved from the host alone. The tenant's id is
 * both {@code "tenant_id"}, the name this answer has always had, and {@code "id"}, the name the
 * admin API gives it, so a client can read either shape with the same key.
 */
@Path("tenant/info")
@TenantScoped
@ApplicationScoped
public class TenantInfoResource {

    @Inject
    TenantContext tenant;

    @Inject
    TenantConfiguration configuration;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject info() {
        TenantInfo info = tenant.require();
        return JsonP.createObjectBuilder()
                .add("tenant_id", info.id())
                .add("id", info.id())
                .add("name", info.name())
                .add("hosts", JsonP.createArrayBuilder(info.hosts()))
                // what applies: the defaults beneath the tenant's own settings
                .add("config", TenantJson.config(configuration.effective()))
                .build();
    }
}
