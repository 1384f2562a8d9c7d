package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantData;
import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.documents.entity.Comment;
import dev.rockstar.tenancy.documents.entity.Document;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Test-only resources added to the deployment under test: application code written the way a
 * user would write it, running JPQL the documents API does not (bulk changes, aggregates, fetch
 * joins, native SQL), so the tests can show that the tenant's {@code EntityManager} confines them.
 */
public final class PersistenceProbe {

    private PersistenceProbe() {}

    @Path("test/persistence")
    @TenantScoped
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Scoped {

        @Inject
        @TenantData
        EntityManager em;

        @GET
        @Path("find/{id}")
        public JsonObject find(@PathParam("id") String id) {
            Document document = em.find(Document.class, id);
            return Json.createObjectBuilder().add("found", document != null).build();
        }

        @POST
        @Path("bulk-update/{content}")
        @Transactional
        public JsonObject bulkUpdate(@PathParam("content") String content) {
            int rows = em.createQuery("update Document d set d.content = :content")
                    .setParameter("content", content)
                    .executeUpdate();
            return Json.createObjectBuilder().add("rows", rows).build();
        }

        @POST
        @Path("bulk-delete")
        @Transactional
        public JsonObject bulkDelete() {
            int comments = em.createQuery("delete from Comment c").executeUpdate();
            int documents = em.createQuery("delete from Document d").executeUpdate();
            return Json.createObjectBuilder()
                    .add("comments", comments)
                    .add("documents", documents)
                    .build();
        }

        @GET
        @Path("aggregates")
        public JsonObject aggregates() {
            Object[] row = em.createQuery(
                            "select count(d), count(distinct d.title), max(d.title), min(d.title), "
                                    + "sum(length(d.content)) from Document d",
                            Object[].class)
                    .getSingleResult();
            long comments = em.createQuery("select count(c) from Comment c join c.document d", Long.class)
                    .getSingleResult();
            return Json.createObjectBuilder()
                    .add("count", ((Number) row[0]).longValue())
                    .add("distinctTitles", ((Number) row[1]).longValue())
                    .add("maxTitle", row[2] == null ? "" : row[2].toString())
                    .add("minTitle", row[3] == null ? "" : row[3].toString())
                    .add("contentLength", row[4] == null ? 0 : ((Number) row[4]).longValue())
                    .add("joinedComments", comments)
                    .build();
        }

        /** Documents with their comments in one fetch join, and comments joined to their documents. */
        @GET
        @Path("joins")
        public JsonObject joins() {
            JsonArrayBuilder documents = Json.createArrayBuilder();
            em.createQuery("select distinct d from Document d left join fetch d.comments", Document.class)
                    .getResultList()
                    .forEach(d -> {
                        JsonArrayBuilder comments = Json.createArrayBuilder();
                        d.getComments().forEach(c -> comments.add(c.getText()));
                        documents.add(Json.createObjectBuilder()
                                .add("title", d.getTitle())
                                .add("comments", comments));
                    });
            JsonArrayBuilder comments = Json.createArrayBuilder();
            List<Comment> joined = em.createQuery("select c from Comment c join fetch c.document", Comment.class)
                    .getResultList();
            joined.forEach(
                    c -> comments.add(c.getText() + " on " + c.getDocument().getTitle()));
            return Json.createObjectBuilder()
                    .add("documents", documents)
                    .add("comments", comments)
                    .build();
        }

        @GET
        @Path("native")
        public JsonObject nativeSql() {
            Object count = em.createNativeQuery("select count(*) from document").getSingleResult();
            return Json.createObjectBuilder().add("count", count.toString()).build();
        }
    }

    /** Deliberately not {@code @TenantScoped}: no tenant is active here. */
    @Path("test/untenanted")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Unscoped {

        @Inject
        @TenantData
        EntityManager tenantEntityManager;

        @PersistenceContext(unitName = "tenancy")
        EntityManager containerEntityManager;

        @GET
        @Path("injected")
        public JsonObject injected() {
            long count = tenantEntityManager
                    .createQuery("select count(d) from Document d", Long.class)
                    .getSingleResult();
            return Json.createObjectBuilder().add("count", count).build();
        }

        @GET
        @Path("container")
        public JsonObject container() {
            long count = containerEntityManager
                    .createQuery("select count(d) from Document d", Long.class)
                    .getSingleResult();
            return Json.createObjectBuilder().add("count", count).build();
        }
    }
}
