package dev.rockstar.tenancy.audit.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.rest.JsonBodies;

/**
 * The audit log for operators, newest first:
 * {@code GET /api/admin/audit?tenant=acme&event=TENANT_MISMATCH&limit=100}.
 */
@Path("admin/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    public JsonObject entries(@QueryParam("tenant") String tenant, @QueryParam("event") String event,
                              @QueryParam("limit") String limit) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        audit.find(blankToNull(tenant), blankToNull(event), JsonBodies.intParam(limit, "limit", 100, 1, 1000))
                .forEach(entry -> {
                    JsonObjectBuilder item = Json.createObjectBuilder()
                            .add("at", entry.getAt().toInstant().toString())
                            .add("event", entry.getEvent())
                            .add("actor", entry.getActor())
                            .add("remoteAddress", entry.getRemoteAddress())
                            .add("detail", entry.getDetail())
                            .add("count", entry.getCount());
                    if (entry.getTenantId() == null) {
                        item.addNull("tenantId");
                    } else {
                        item.add("tenantId", entry.getTenantId());
                    }
                    items.add(item);
                });
        return Json.createObjectBuilder().add("items", items).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
