package dev.rockstar.tenancy.portability.boundary;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.portability.control.TenantArchives;
import dev.rockstar.tenancy.problems.PayloadTooLargeException;
import dev.rockstar.tenancy.tenant.control.TenantJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/**
 * Restores a tenant from an archive, all or nothing: under its own id and hosts, under others
 * ({@code ?id=}, repeated {@code ?host=}: a clone), or over the existing tenant of its id
 * ({@code ?replace=true}). The body is bound by {@code tenancy.archive.max-bytes}, not by the
 * request body limit of the JSON calls.
 * <pre>
 * curl -u admin:$PASSWORD -H 'Content-Type: application/zip' --data-binary @acme.zip \
 *      'http://localhost:8080/api/admin/tenants/restore?id=acme-test&amp;host=acme-test.localhost'
 * </pre>
 */
@Path("admin/tenants/restore")
@ApplicationScoped
public class TenantRestoreResource {

    @Inject
    TenantArchives archives;

    @POST
    @Consumes(TenantArchives.MEDIA_TYPE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response restore(
            @QueryParam("id") String id,
            @QueryParam("host") List<String> hosts,
            @QueryParam("replace") String replace,
            @QueryParam("placement") String placement,
            @Context HttpHeaders headers,
            InputStream body) {
        boolean replacing = TenantArchiveResource.flag(replace, "replace", false);
        requireDeclaredFits(headers, archives.maxBytes());
        TenantInfo tenant = archives.restore(body, new TenantArchives.RestoreOptions(id, hosts, replacing, placement));
        return Response.created(URI.create("admin/tenants/" + tenant.id()))
                .entity(TenantJson.tenant(tenant))
                .build();
    }

    /** A body that says it is too large is refused before a byte of it is read. */
    static void requireDeclaredFits(HttpHeaders headers, long maxBytes) {
        String declared = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return; // chunked: bound while it is read
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            length = Long.MAX_VALUE; // past any long: too large (a malformed one the server refuses first)
        }
        if (length > maxBytes) {
            throw new PayloadTooLargeException(maxBytes);
        }
    }
}
