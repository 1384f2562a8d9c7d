package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.TenantConfiguration;
import dev.rockstar.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;

/** The current tenant's settings over the defaults, from memory: nothing here reads the database. */
@ApplicationScoped
class EffectiveTenantConfiguration implements TenantConfiguration {

    @Inject
    TenantContext tenant;

    @Inject
    TenantDirectory directory;

    @Override
    public boolean isEnabled(String feature) {
        return Boolean.TRUE.equals(effective().features().get(feature));
    }

    @Override
    public OptionalLong limit(String name) {
        Long value = effective().limits().get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public Optional<String> branding(String key) {
        return Optional.ofNullable(effective().branding().get(key));
    }

    @Override
    public TenantConfig effective() {
        return directory.effective(tenant.require());
    }
}
