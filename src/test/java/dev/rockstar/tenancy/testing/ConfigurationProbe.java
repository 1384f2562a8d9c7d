package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantConfiguration;
import dev.rockstar.tenancy.TenantScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Test-only: what application code reads from the injected {@link TenantConfiguration}. */
@Path("test/configuration")
@TenantScoped
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConfigurationProbe {

    @Inject
    TenantConfiguration configuration;

    @GET
    public JsonObject read(
            @QueryParam("feature") String feature,
            @QueryParam("limit") String limit,
            @QueryParam("branding") String branding) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("enabled", configuration.isEnabled(feature));
        var value = configuration.limit(limit);
        if (value.isPresent()) {
            json.add("limit", value.getAsLong());
        } else {
            json.addNull("limit");
        }
        configuration.branding(branding).ifPresentOrElse(b -> json.add("branding", b), () -> json.addNull("branding"));
        return json.build();
    }
}
