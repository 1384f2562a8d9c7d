package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.portability.control.TenantArchives;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A tenant's archive as a download, as {@code GET /api/admin/tenants/{id}/archive} streams it, from
 * the operator's session: a Faces POST (its view state is the request's proof of origin, so another
 * site cannot start an export), answered with the zip in place of a page.
 */
@Named
@RequestScoped
public class ExportTenant {

    /** The request parameter whose value, on the tenants page, names the row's tenant. */
    static final String ROW_PARAMETER = "rows:export";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    @Inject
    TenantArchives archives;

    @Inject
    TenantRegistry registry;

    Clock clock = Clock.systemUTC();

    private boolean withoutCredentials;

    /** The tenant page's download. */
    public String download(String id) {
        return send(id, "export");
    }

    /**
     * A row's download on the tenants page. The row's button names its tenant by its value: the
     * list is read again for the POST and may have changed since it was shown, so a row's index
     * could point at another tenant.
     */
    public String downloadRow() {
        String id = TenantPages.parameter(ROW_PARAMETER);
        return send(id, "rows");
    }

    private String send(String id, String form) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        try {
            if (id == null || registry.find(id).isEmpty()) {
                throw new ResourceNotFoundException("No tenant " + (id == null ? "" : id));
            }
            external.responseReset();
            external.setResponseContentType("application/zip");
            external.setResponseHeader("Content-Disposition", "attachment; filename=\"" + fileName(id) + "\"");
            OutputStream out = external.getResponseOutputStream();
            archives.export(id, !withoutCredentials, out);
            out.flush();
            faces.responseComplete();
            return null;
        } catch (ProblemException e) {
            if (external.isResponseCommitted()) {
                throw e; // part of a zip has gone: the connection breaks off rather than end as if whole
            }
            external.responseReset();
            FormMessages.refused(e, form, Map.of());
            return null;
        } catch (IOException e) {
            // The browser went away, or the archive could not be written to it: nothing to show anyone.
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <id>-<UTC time>.zip}: ids are lower-case letters, digits and hyphens, so nothing needs quoting. */
    String fileName(String id) {
        return id + "-" + STAMP.format(clock.instant().atOffset(ZoneOffset.UTC)) + ".zip";
    }

    public boolean isWithoutCredentials() {
        return withoutCredentials;
    }

    public void setWithoutCredentials(boolean withoutCredentials) {
        this.withoutCredentials = withoutCredentials;
    }
}
