package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.persistence.Placements;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.tenant.control.TenantConfigParser;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Onboards a tenant: the same registration, parser and registry as {@code POST /api/admin/tenants},
 * so a refusal is the API's, shown next to its field, and nothing is saved.
 */
@Named
@ViewScoped
public class CreateTenant implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "create";
    static final Map<String, String> FIELDS = fields();

    @Inject
    TenantRegistry registry;

    private String id;
    private String hosts;
    private String placement = Placements.SHARED;
    private final SettingsForm settings = new SettingsForm();

    public String create() {
        try {
            TenantInfo tenant = registry.register(new TenantRegistry.Registration(
                    id == null ? null : id.strip(),
                    settings.nameOrNull(),
                    ConfigForm.hosts(hosts),
                    null,
                    TenantConfigParser.parse(settings.config(), "config"),
                    PlacementChoices.chosen(placement)));
            FormMessages.done("Tenant " + tenant.id() + " created");
            return "/admin/tenant.xhtml?faces-redirect=true&id=" + tenant.id();
        } catch (ProblemException e) {
            FormMessages.refused(e, FORM, FIELDS);
            return null;
        }
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new HashMap<>(SettingsForm.FIELDS);
        fields.put("id", "id");
        fields.put("hosts", "hosts");
        fields.put("placement", "placement");
        return Map.copyOf(fields);
    }

    public SettingsForm getSettings() {
        return settings;
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
}
