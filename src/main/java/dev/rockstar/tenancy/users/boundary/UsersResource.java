package dev.rockstar.tenancy.users.boundary;

import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.rest.JsonBodies;
import dev.rockstar.tenancy.users.control.UserAdministration;
import dev.rockstar.tenancy.users.entity.TenantUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;

/** Operators manage a tenant's users: {@code /api/admin/tenants/{id}/users}. Passwords are never shown. */
@Path("admin/tenants/{id}/users")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserAdministration users;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("id") String tenantId, String body) {
        JsonObject json = JsonBodies.object(body, Set.of("username", "password", "roles"));
        TenantUser user = users.create(
                tenantId,
                JsonBodies.string(json, "username"),
                JsonBodies.string(json, "password"),
                JsonBodies.strings(json, "roles"));
        return Response.created(URI.create("admin/tenants/" + tenantId + "/users/" + user.getUsername()))
                .entity(toJson(user))
                .build();
    }

    @GET
    public JsonObject list(@PathParam("id") String tenantId) {
        JsonArrayBuilder items = JsonP.createArrayBuilder();
        users.list(tenantId).forEach(u -> items.add(toJson(u)));
        return JsonP.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("{username}")
    public JsonObject get(@PathParam("id") String tenantId, @PathParam("username") String username) {
        return toJson(users.get(tenantId, username));
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("id") String tenantId, @PathParam("username") String username) {
        users.delete(tenantId, username);
        return Response.noContent().build();
    }

    /** Sets a new password: {@code {"password":"…"}}. */
    @PUT
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resetPassword(
            @PathParam("id") String tenantId, @PathParam("username") String username, String body) {
        users.resetPassword(
                tenantId, username, JsonBodies.string(JsonBodies.object(body, Set.of("password")), "password"));
        return Response.noContent().build();
    }

    /** Replaces the roles: {@code {"roles":[…]}}; logged-in sessions have the new ones from their next request. */
    @PUT
    @Path("{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject changeRoles(
            @PathParam("id") String tenantId, @PathParam("username") String username, String body) {
        JsonObject json = JsonBodies.object(body, Set.of("roles"));
        if (!json.containsKey("roles")) {
            throw new ValidationFailedException("roles", "roles is required");
        }
        return toJson(users.changeRoles(tenantId, username, JsonBodies.strings(json, "roles")));
    }

    private static JsonObject toJson(TenantUser user) {
        return JsonP.createObjectBuilder()
                .add("username", user.getUsername())
                .add("roles", JsonP.createArrayBuilder(user.getRoles()))
                .add("createdAt", user.getCreatedAt().toInstant().toString())
                .build();
    }
}
