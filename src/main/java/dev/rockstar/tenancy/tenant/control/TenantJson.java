package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.json.JsonP;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A tenant and its settings as JSON, written here rather than by the API records so that the
 * records carry no wire format. Both shapes are read by more than one component: the tenant by the
 * admin API and by the audit log's change details, the {@code config} object by the admin API,
 * {@code /api/tenant/info}, the console's merge patches and the registry, which stores it in this
 * form and reads it back with {@link TenantConfigParser}. Field names are the HTTP API's
 * (docs/HTTP-API.md); add to them, never rename.
 */
public final class TenantJson {

    private TenantJson() {}

    /** {@code {"id","name","status","placement","hosts","config","createdAt"}}: a tenant of the admin API. */
    public static JsonObject tenant(TenantInfo tenant) {
        return JsonP.createObjectBuilder()
                .add("id", tenant.id())
                .add("name", tenant.name())
                .add("status", tenant.status().name())
                .add("placement", tenant.placement())
                .add("hosts", JsonP.createArrayBuilder(tenant.hosts()))
                .add("config", config(tenant.config()))
                .add("createdAt", tenant.createdAt().toString())
                .build();
    }

    /** {@code {"features","limits","branding"}}, each an object, empty when nothing is set. */
    public static JsonObject config(TenantConfig config) {
        JsonObjectBuilder features = JsonP.createObjectBuilder();
        config.features().forEach(features::add);
        JsonObjectBuilder limits = JsonP.createObjectBuilder();
        config.limits().forEach(limits::add);
        JsonObjectBuilder branding = JsonP.createObjectBuilder();
        config.branding().forEach(branding::add);
        return JsonP.createObjectBuilder()
                .add("features", features)
                .add("limits", limits)
                .add("branding", branding)
                .build();
    }
}
