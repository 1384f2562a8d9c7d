package dev.rockstar.tenancy.admin.boundary;

import dev.rockstar.tenancy.admin.control.QueryLogging;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.querylog.LoggedStatement;
import dev.rockstar.tenancy.querylog.QueryLog;
import dev.rockstar.tenancy.rest.JsonBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;

/**
 * One tenant's query log: its SQL, with durations, in the server log of every node and here,
 * for a while.
 * <pre>
 * curl -u admin:$PASSWORD -X PUT -H 'Content-Type: application/json' -d '{"minutes": 15}' \
 *      http://localhost:8080/api/admin/tenants/acme/query-log
 * curl -u admin:$PASSWORD http://localhost:8080/api/admin/tenants/acme/query-log
 * </pre>
 */
@Path("admin/tenants/{id}/query-log")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueryLogResource {

    private static final Set<String> FIELDS = Set.of("minutes", "values");

    @Inject
    QueryLogging queryLogging;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject turnOn(@PathParam("id") String id, String body) {
        JsonObject json = JsonBodies.object(body, FIELDS);
        JsonValue minutes = json.get("minutes");
        if (minutes == null || minutes.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new ValidationFailedException("minutes", "minutes must be a number of minutes");
        }
        JsonValue values = json.getOrDefault("values", JsonValue.FALSE);
        boolean shown = values.getValueType() == JsonValue.ValueType.TRUE;
        if (!shown && values.getValueType() != JsonValue.ValueType.FALSE) {
            throw new ValidationFailedException("values", "values must be true or false");
        }
        return watch(id, Optional.of(queryLogging.turnOn(id, ((JsonNumber) minutes).doubleValue(), shown)));
    }

    /** This node's last statements of the tenant, oldest first; none while its log is off. */
    @GET
    public JsonObject read(@PathParam("id") String id) {
        return watch(id, queryLogging.watching(id));
    }

    @DELETE
    public Response turnOff(@PathParam("id") String id) {
        queryLogging.turnOff(id);
        return Response.noContent().build();
    }

    private static JsonObject watch(String id, Optional<QueryLog.Watch> watch) {
        JsonArrayBuilder statements = JsonP.createArrayBuilder();
        JsonObjectBuilder json = JsonP.createObjectBuilder().add("tenantId", id).add("on", watch.isPresent());
        watch.ifPresent(w -> {
            json.add("until", w.until().toString()).add("values", w.values());
            w.statements().forEach(s -> statements.add(statement(s)));
        });
        return json.add("statements", statements).build();
    }

    private static JsonObjectBuilder statement(LoggedStatement statement) {
        JsonObjectBuilder json = JsonP.createObjectBuilder()
                .add("at", statement.at().toString())
                .add("sql", statement.sql())
                .add("durationMillis", statement.millis())
                .add("rows", statement.rows());
        if (statement.values() != null) {
            json.add("values", statement.values());
        }
        return json;
    }
}
