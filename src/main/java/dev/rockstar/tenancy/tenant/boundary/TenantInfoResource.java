package dev.rockstar.tenancy.tenant.boundary;

import dev.rockstar.tenancy.TenantConfiguration;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantScoped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The seed's {@code /api/tenant/info}: who am I talking to, resolved from the host alone. */
@Path("tenant/info")
@TenantScoped
@ApplicationScoped
public class TenantInfoResource {

    // Json.createXxx() looks JsonProvider up through ServiceLoader, a class-path scan, on every
    // call: 59 % of the CPU of GET /api/tenant/info (docs/BENCHMARKS.md). Once per class is enough.
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    TenantContext tenant;

    @Inject
    TenantConfiguration configuration;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject info() {
        TenantInfo info = tenant.require();
        return JSON.createObjectBuilder()
                .add("tenant_id", info.id())
                .add("name", info.name())
                .add("hosts", JSON.createArrayBuilder(info.hosts()))
                .add("config", configuration.effective().toJson()) // what applies: defaults and its own
                .build();
    }
}
