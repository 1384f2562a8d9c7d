package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.portability.control.TenantArchives;
import dev.rockstar.tenancy.problems.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.Serializable;
import java.util.Map;

/**
 * A tenant restored from an uploaded archive, as {@code POST /api/admin/tenants/restore} does it:
 * under the archive's own id and hosts, or under others (a clone), or over the existing tenant of
 * that id ({@code replace}). All or nothing; a refusal is shown next to the field it names, an
 * archive's own (a changed file, its line) next to the upload.
 */
@Named
@ViewScoped
public class RestoreTenant implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "restore";
    static final Map<String, String> FIELDS =
            Map.of("id", "id", "host", "hosts", "hosts", "hosts", "archive", "archive", "placement", "placement");

    @Inject
    TenantArchives archives;

    // An upload lives for its request only.
    private transient Part archive;
    private String id;
    private String hosts;
    private boolean replace;
    // Nothing chosen: shared for a new tenant, and for a replace the tenant's own, which a replace keeps.
    private String placement;

    /** On a tenant's page the id is that tenant's, for restoring over it; on the list it is empty. */
    @PostConstruct
    void load() {
        id = TenantPages.tenantId();
    }

    public String restore() {
        try {
            TenantInfo restored = Uploads.read(
                    archive,
                    in -> archives.restore(
                            in,
                            new TenantArchives.RestoreOptions(
                                    id == null || id.isBlank() ? null : id.strip(),
                                    ConfigForm.hosts(hosts),
                                    replace,
                                    PlacementChoices.chosen(placement))));
            FormMessages.done("Tenant " + restored.id() + (replace ? " replaced" : " restored") + " from "
                    + Uploads.name(archive));
            return "/admin/tenant.xhtml?faces-redirect=true&id=" + restored.id();
        } catch (ProblemException e) {
            FormMessages.refused(e, FORM, FIELDS, "archive");
            return null;
        }
    }

    public Part getArchive() {
        return archive;
    }

    public void setArchive(Part archive) {
        this.archive = archive;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getPlacement() {
        return placement;
    }

    public void setPlacement(String placement) {
        this.placement = placement;
    }

    public String getHosts() {
        return hosts;
    }

    public void setHosts(String hosts) {
        this.hosts = hosts;
    }

    public boolean isReplace() {
        return replace;
    }

    public void setReplace(boolean replace) {
        this.replace = replace;
    }
}
