package dev.rockstar.tenancy.portability.boundary;

import dev.rockstar.tenancy.portability.control.TenantArchives;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A tenant's archive, streamed as it is read from one snapshot of its rows (docs/PORTABILITY.md).
 * <pre>
 * curl -u admin:$PASSWORD -o acme.zip http://localhost:8080/api/admin/tenants/acme/archive
 * curl -u admin:$PASSWORD -o acme.zip 'http://localhost:8080/api/admin/tenants/acme/archive?credentials=false'
 * </pre>
 */
@Path("admin/tenants/{id}/archive")
@ApplicationScoped
public class TenantArchiveResource {

    @Inject
    TenantArchives archives;

    @Inject
    TenantRegistry registry;

    @GET
    @Produces(TenantArchives.MEDIA_TYPE)
    public Response export(@PathParam("id") String id, @QueryParam("credentials") String credentials) {
        boolean withCredentials = flag(credentials, "credentials", true);
        String tenantId = registry.require(id).id(); // a 404 before the 200 of the stream
        String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "");
        StreamingOutput body = out -> archives.export(tenantId, withCredentials, out);
        return Response.ok(body, TenantArchives.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + tenantId + "-" + stamp + ".zip\"")
                .build();
    }

    /** {@code true} or {@code false}, or the default when absent. */
    static boolean flag(String value, String name, boolean absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ValidationFailedException(name, name + " must be true or false");
        };
    }
}
