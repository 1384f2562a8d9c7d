package dev.rockstar.tenancy.portability.boundary;

import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.portability.control.TenantArchives;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * Whether a tenant's data now equals an archive's, table by table: proves a restore or a move.
 * <pre>
 * curl -u admin:$PASSWORD -H 'Content-Type: application/zip' --data-binary @acme.zip \
 *      http://localhost:8080/api/admin/tenants/acme-test/verify
 * {"equal":true,"tables":{"document":{"archive":2,"tenant":2,"equal":true},...}}
 * </pre>
 */
@Path("admin/tenants/{id}/verify")
@ApplicationScoped
public class TenantVerifyResource {

    @Inject
    TenantArchives archives;

    @POST
    @Consumes(TenantArchives.MEDIA_TYPE)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject verify(@PathParam("id") String id, @Context HttpHeaders headers, InputStream body) {
        TenantRestoreResource.requireDeclaredFits(headers, archives.maxBytes());
        TenantArchives.Verification verification = archives.verify(id, body);
        JsonObjectBuilder tables = JsonP.createObjectBuilder();
        verification
                .tables()
                .forEach((table, comparison) -> tables.add(
                        table,
                        JsonP.createObjectBuilder()
                                .add("archive", comparison.archiveRows())
                                .add("tenant", comparison.tenantRows())
                                .add("equal", comparison.equal())));
        return JsonP.createObjectBuilder()
                .add("equal", verification.equal())
                .add("tables", tables)
                .build();
    }
}
