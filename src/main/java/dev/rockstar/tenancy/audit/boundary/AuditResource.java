package dev.rockstar.tenancy.audit.boundary;

import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.rest.JsonBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The audit log for operators, newest first:
 * {@code GET /api/admin/audit?tenant=acme&event=TENANT_MISMATCH&since=2026-11-28T00:00:00Z&offset=0&limit=100}.
 */
@Path("admin/audit")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    public JsonObject entries(
            @QueryParam("tenant") String tenant,
            @QueryParam("event") String event,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        JsonArrayBuilder items = JsonP.createArrayBuilder();
        var query = new AuditLog.Query(
                blankToNull(tenant), blankToNull(event), instant(since, "since"), instant(until, "until"));
        audit.find(
                        query,
                        JsonBodies.intParam(offset, "offset", 0, 0, Integer.MAX_VALUE),
                        JsonBodies.intParam(limit, "limit", 100, 1, 1000))
                .forEach(entry -> {
                    JsonObjectBuilder item = JsonP.createObjectBuilder()
                            .add("at", entry.getAt().toInstant().toString())
                            .add("event", entry.getEvent())
                            .add("actor", entry.getActor())
                            .add("remoteAddress", entry.getRemoteAddress())
                            .add("detail", entry.getDetail())
                            .add("count", entry.getCount())
                            .add("channel", entry.getChannel());
                    if (entry.getTenantId() == null) {
                        item.addNull("tenantId");
                    } else {
                        item.add("tenantId", entry.getTenantId());
                    }
                    items.add(item);
                });
        return JsonP.createObjectBuilder().add("items", items).build();
    }

    private static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationFailedException(name, name + " must be an instant such as 2026-11-28T09:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
