package dev.rockstar.tenancy.documents.boundary;

import dev.rockstar.tenancy.RequiresFeature;
import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.documents.control.Documents;
import dev.rockstar.tenancy.documents.entity.Comment;
import dev.rockstar.tenancy.documents.entity.Document;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.rest.JsonBodies;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The reference feature's documents, scoped to the tenant of the host:
 * <pre>
 * curl -H 'Content-Type: application/json' -d '{"title":"Q3 plan","content":"..."}' \
 *      http://acme.localhost:8080/api/documents
 * </pre>
 * Fields other than {@code title} and {@code content} are ignored, a {@code tenant_id} too:
 * the host alone decides whose document it is.
 */
@Path("documents")
@TenantScoped
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {

    @Inject
    Documents documents;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        JsonObject json = JsonBodies.object(body, null);
        Document document = documents.create(JsonBodies.string(json, "title"), JsonBodies.string(json, "content"));
        return Response.created(URI.create("documents/" + document.getId()))
                .entity(toJson(document))
                .build();
    }

    @GET
    public JsonObject list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        var page = documents.list(
                JsonBodies.intParam(offset, "offset", 0, 0, Integer.MAX_VALUE),
                JsonBodies.intParam(limit, "limit", 50, 1, 500));
        JsonArrayBuilder items = JsonP.createArrayBuilder();
        page.items().forEach(d -> items.add(toJson(d)));
        return JsonP.createObjectBuilder()
                .add("items", items)
                .add("total", page.total())
                .build();
    }

    /** All of the tenant's documents at once, for tenants with the {@code exports} feature. */
    @GET
    @Path("export")
    @RequiresFeature("exports")
    public JsonObject export() {
        JsonArrayBuilder items = JsonP.createArrayBuilder();
        documents.all().forEach(d -> items.add(toJson(d)));
        return JsonP.createObjectBuilder().add("items", items).build();
    }

    /** How many documents the tenant has: for its users with the role {@code manager}. */
    @GET
    @Path("stats")
    @RolesAllowed("manager")
    public JsonObject stats() {
        return JsonP.createObjectBuilder()
                .add("total", documents.list(0, 1).total())
                .build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        return toJson(documents.get(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject update(@PathParam("id") String id, String body) {
        JsonObject json = JsonBodies.object(body, null);
        return toJson(documents.update(id, JsonBodies.string(json, "title"), JsonBodies.string(json, "content")));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        documents.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/comments")
    public JsonObject comments(
            @PathParam("id") String id, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        var page = documents.comments(
                id,
                JsonBodies.intParam(offset, "offset", 0, 0, Integer.MAX_VALUE),
                JsonBodies.intParam(limit, "limit", 50, 1, 500));
        JsonArrayBuilder items = JsonP.createArrayBuilder();
        page.items().forEach(c -> items.add(toJson(c)));
        return JsonP.createObjectBuilder()
                .add("items", items)
                .add("total", page.total())
                .build();
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response comment(@PathParam("id") String id, String body) {
        Comment comment = documents.comment(id, JsonBodies.string(JsonBodies.object(body, null), "text"));
        return Response.created(URI.create("documents/" + id + "/comments/" + comment.getId()))
                .entity(toJson(comment))
                .build();
    }

    @DELETE
    @Path("{id}/comments/{commentId}")
    public Response deleteComment(@PathParam("id") String id, @PathParam("commentId") String commentId) {
        documents.deleteComment(id, commentId);
        return Response.noContent().build();
    }

    private static JsonObject toJson(Document document) {
        return JsonP.createObjectBuilder()
                .add("id", document.getId())
                .add("title", document.getTitle())
                .add("content", document.getContent())
                .add("createdAt", document.getCreatedAt().toInstant().toString())
                .build();
    }

    private static JsonObject toJson(Comment comment) {
        return JsonP.createObjectBuilder()
                .add("id", comment.getId())
                .add("documentId", comment.getDocument().getId())
                .add("text", comment.getText())
                .add("createdAt", comment.getCreatedAt().toInstant().toString())
                .build();
    }
}
