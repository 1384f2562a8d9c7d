package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.admin.control.Footprint;
import dev.rockstar.tenancy.admin.control.TenantFootprints;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;

/**
 * Offboarding, as {@code DELETE /api/admin/tenants/{id}} does it, once the operator has typed the
 * tenant's id: the page first says what goes (hosts, and every row it owns, counted).
 */
@Named
@ViewScoped
public class DeleteTenant implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantRegistry registry;

    @Inject
    TenantFootprints footprints;

    private String id;
    // Read for the page; the deletion itself needs only the id.
    private transient TenantInfo tenant;
    private transient Footprint footprint;
    private String confirmation;

    @PostConstruct
    void load() {
        id = TenantPages.tenantId();
        tenant = id == null ? null : registry.find(id).orElse(null);
        footprint = tenant == null ? null : footprints.of(id);
    }

    public String delete() {
        try {
            if (confirmation == null || !confirmation.strip().equals(id)) {
                throw new ValidationFailedException(
                        "confirmation", "confirmation: type the tenant id '" + id + "' to delete it");
            }
            registry.delete(id);
            FormMessages.done("Tenant " + id + " deleted with its hosts and all of its data");
            return "/admin/tenants.xhtml?faces-redirect=true";
        } catch (ProblemException e) {
            FormMessages.refused(e, "delete", Map.of("confirmation", "confirmation"));
            return null;
        }
    }

    public TenantInfo getTenant() {
        return tenant;
    }

    public Footprint getFootprint() {
        return footprint;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
