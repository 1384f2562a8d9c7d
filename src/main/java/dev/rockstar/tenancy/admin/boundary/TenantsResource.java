package dev.rockstar.tenancy.admin.boundary;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.admin.control.CacheClearing;
import dev.rockstar.tenancy.admin.control.Footprint;
import dev.rockstar.tenancy.admin.control.TenantFootprints;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.rest.JsonBodies;
import dev.rockstar.tenancy.tenant.control.TenantConfigParser;
import dev.rockstar.tenancy.tenant.control.TenantJson;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operators' tenant API: register, list, change and delete tenants and their hosts. Protected
 * by HTTP Basic with the admin credentials ({@code web.xml}).
 * <pre>
 * curl -u admin:$PASSWORD -H 'Content-Type: application/json' \
 *      -d '{"id":"initech","name":"Initech","hosts":["initech.localhost"]}' \
 *      http://localhost:8080/api/admin/tenants
 * </pre>
 */
@Path("admin/tenants")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String NDJSON = "application/x-ndjson";
    private static final Set<String> REGISTRATION_FIELDS =
            Set.of("id", "name", "hosts", "status", "config", "placement");
    private static final Set<String> CHANGE_FIELDS = Set.of("name", "status", "config", "placement");

    @Inject
    TenantRegistry registry;

    @Inject
    CacheClearing cacheClearing;

    @Inject
    TenantFootprints footprints;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(String body) {
        var tenant = registry.register(registration(JsonBodies.object(body, REGISTRATION_FIELDS)));
        return Response.created(URI.create("admin/tenants/" + tenant.id()))
                .entity(TenantJson.tenant(tenant))
                .build();
    }

    /**
     * Registers many tenants at once, all or none: one tenant per line, each line what
     * {@code POST /api/admin/tenants} takes. A refusal names the line ({@code "line 7: ..."}).
     */
    @POST
    @Path("import")
    @Consumes(NDJSON)
    public JsonObject importLines(String body) {
        List<TenantRegistry.Registration> registrations = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        String[] text = (body == null ? "" : body).split("\n", -1);
        for (int i = 0; i < text.length; i++) {
            if (text[i].isBlank()) {
                continue; // the newline after the last line, or an empty line between two
            }
            try {
                registrations.add(registration(JsonBodies.object(text[i], REGISTRATION_FIELDS)));
            } catch (ProblemException e) {
                throw e.within("line " + (i + 1));
            }
            lines.add(i + 1);
        }
        return imported(registry.registerAll(nonEmpty(registrations), i -> "line " + lines.get(i)));
    }

    /** The same as {@link #importLines}, as a JSON array of tenants; a refusal names the index ({@code "[6]: ..."}). */
    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject importArray(String body) {
        JsonArray array = JsonBodies.array(body);
        List<TenantRegistry.Registration> registrations = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            try {
                if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new ValidationFailedException("a tenant must be a JSON object");
                }
                registrations.add(registration(JsonBodies.object(array.getJsonObject(i), REGISTRATION_FIELDS)));
            } catch (ProblemException e) {
                throw e.within("[" + i + "]");
            }
        }
        return imported(registry.registerAll(nonEmpty(registrations), i -> "[" + i + "]"));
    }

    private static TenantRegistry.Registration registration(JsonObject json) {
        return new TenantRegistry.Registration(
                JsonBodies.requiredString(json, "id"),
                JsonBodies.string(json, "name"),
                JsonBodies.strings(json, "hosts"),
                status(JsonBodies.string(json, "status")),
                TenantConfigParser.parse(json.get("config"), "config"),
                JsonBodies.string(json, "placement"));
    }

    private static <T> List<T> nonEmpty(List<T> batch) {
        if (batch.isEmpty()) {
            throw new ValidationFailedException("The batch has no tenants");
        }
        return batch;
    }

    // The count only: echoing 100,000 tenants back would cost more than registering them.
    private static JsonObject imported(List<TenantInfo> tenants) {
        return JsonP.createObjectBuilder().add("registered", tenants.size()).build();
    }

    /** A page of tenants: {@code ?q=} finds text in the id, name or a host, {@code ?status=} filters. */
    @GET
    public JsonObject list(
            @QueryParam("q") String text,
            @QueryParam("status") String status,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        int first = JsonBodies.intParam(offset, "offset", 0, 0, Integer.MAX_VALUE);
        int size = JsonBodies.intParam(limit, "limit", 50, 1, 500);
        var search = new TenantRegistry.Search(text, status(status == null || status.isBlank() ? null : status));
        JsonArrayBuilder items = JsonP.createArrayBuilder();
        registry.page(search, first, size).forEach(t -> items.add(TenantJson.tenant(t)));
        return JsonP.createObjectBuilder()
                .add("items", items)
                .add("total", registry.count(search))
                .build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        return TenantJson.tenant(registry.require(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    public JsonObject change(@PathParam("id") String id, String body) {
        JsonObject json = JsonBodies.object(body, CHANGE_FIELDS);
        if (json.containsKey("placement")) {
            // rows move while the tenant is frozen, which a merge of fields cannot say
            throw new ValidationFailedException(
                    "placement",
                    "A tenant changes placement by a move: PUT /api/admin/tenants/" + id
                            + "/placement {\"placement\": \"...\"}, then poll the Location it answers");
        }
        JsonValue config = json.get("config");
        if (config != null && config.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ValidationFailedException("config", "config must be an object");
        }
        var change = new TenantRegistry.Change(
                JsonBodies.string(json, "name"),
                status(JsonBodies.string(json, "status")),
                config == null ? null : config.asJsonObject());
        return TenantJson.tenant(registry.change(id, change));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        registry.delete(id);
        return Response.noContent().build();
    }

    /** Removes the tenant's cache entries in every cache; other tenants keep theirs. */
    @DELETE
    @Path("{id}/cache")
    public Response clearCache(@PathParam("id") String id) {
        cacheClearing.clear(id);
        return Response.noContent().build();
    }

    /** Rows per tenant-owned entity, cache entries and requests per minute of the last minutes. */
    @GET
    @Path("{id}/footprint")
    public JsonObject footprint(@PathParam("id") String id) {
        return footprint(footprints.of(id));
    }

    private static JsonObject footprint(Footprint footprint) {
        JsonObjectBuilder rows = JsonP.createObjectBuilder();
        footprint.rows().forEach(rows::add);
        JsonArrayBuilder perMinute = JsonP.createArrayBuilder();
        for (long count : footprint.recent().perMinute()) {
            perMinute.add(count);
        }
        return JsonP.createObjectBuilder()
                .add("tenantId", footprint.tenantId())
                .add("rows", rows)
                .add("cacheEntries", footprint.cacheEntries())
                .add("requestsPerMinute", perMinute)
                .build();
    }

    @PUT
    @Path("{id}/hosts/{host}")
    public Response addHost(@PathParam("id") String id, @PathParam("host") String host) {
        registry.addHost(id, host);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/hosts/{host}")
    public Response removeHost(@PathParam("id") String id, @PathParam("host") String host) {
        registry.removeHost(id, host);
        return Response.noContent().build();
    }

    private static TenantStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return TenantStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException(
                    "status",
                    "status must be one of "
                            + Arrays.stream(TenantStatus.values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }
    }
}
