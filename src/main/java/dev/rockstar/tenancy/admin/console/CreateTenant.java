package dev.rockstar.tenancy.admin.console;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.tenant.control.TenantConfigParser;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;

/**
 * Onboards a tenant: the same registration, parser and registry as {@code POST /api/admin/tenants},
 * so a refusal is the API's, shown next to its field, and nothing is saved.
 */
@Named
@ViewScoped
public class CreateTenant implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "create";
    static final Map<String, String> FIELDS = Map.of("id", "id", "name", "name", "hosts", "hosts",
            "features", "features", "limits", "limits", "displayName", "displayName",
            "primaryColor", "primaryColor", "logoUrl", "logoUrl", "branding", "displayName");

    @Inject
    TenantRegistry registry;

    private String id;
    private String name;
    private String hosts;
    private String features;
    private String limits;
    private final Map<String, String> branding = new TreeMap<>();

    public String create() {
        try {
            TenantInfo tenant = registry.register(new TenantRegistry.Registration(id == null ? null : id.strip(),
                    name == null || name.isBlank() ? null : name, ConfigForm.hosts(hosts), null,
                    TenantConfigParser.parse(ConfigForm.toJson(features, limits, branding), "config")));
            FormMessages.done("Tenant " + tenant.id() + " created");
            return "/admin/tenant.xhtml?faces-redirect=true&id=" + tenant.id();
        } catch (ProblemException e) {
            FormMessages.refused(e, FORM, FIELDS);
            return null;
        }
    }

    public Map<String, String> getBranding() {
        return branding;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getHosts() {
        return hosts;
    }

    public void setHosts(String hosts) {
        this.hosts = hosts;
    }

    public String getFeatures() {
        return features;
    }

    public void setFeatures(String features) {
        this.features = features;
    }

    public String getLimits() {
        return limits;
    }

    public void setLimits(String limits) {
        this.limits = limits;
    }
}
