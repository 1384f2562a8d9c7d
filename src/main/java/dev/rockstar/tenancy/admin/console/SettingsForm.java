package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.TenantInfo;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields the create and edit forms share ({@code WEB-INF/templates/settings-fields.xhtml}):
 * a tenant's name and its settings as text, which {@link ConfigForm} turns into the API's
 * {@code config} object.
 */
public class SettingsForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The component of each field a refusal may name, by its name in the admin API ({@link FormMessages}). */
    static final Map<String, String> FIELDS = Map.of(
            "name", "name",
            "config.features", "features",
            "config.limits", "limits",
            "config.branding", "displayName",
            "config.branding.displayName", "displayName",
            "config.branding.primaryColor", "primaryColor",
            "config.branding.logoUrl", "logoUrl");

    private String name;
    private String features;
    private String limits;
    private final Map<String, String> branding = new TreeMap<>();

    static SettingsForm of(TenantInfo tenant) {
        SettingsForm form = new SettingsForm();
        form.name = tenant.name();
        form.features = ConfigForm.featuresText(tenant.config());
        form.limits = ConfigForm.limitsText(tenant.config());
        form.branding.putAll(tenant.config().branding());
        return form;
    }

    JsonObject config() {
        return ConfigForm.toJson(features, limits, branding);
    }

    /** The name as typed, or {@code null} when left empty (a new tenant is then named after its id). */
    String nameOrNull() {
        return name == null || name.isBlank() ? null : name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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

    public Map<String, String> getBranding() {
        return branding;
    }
}
