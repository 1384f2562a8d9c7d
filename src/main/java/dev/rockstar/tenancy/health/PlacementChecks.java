package dev.rockstar.tenancy.health;

import dev.rockstar.tenancy.persistence.Placements;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Declares a readiness check per placement, so that each is named in the JSON and the one that
 * is down says so by its name. The placements are the deployment's configuration, known before
 * any bean exists; {@link Placements} refuses an invalid declaration later, at start.
 */
public class PlacementChecks implements Extension {

    void declare(@Observes AfterBeanDiscovery discovery) {
        Config config = ConfigProvider.getConfig();
        int timeoutSeconds = config.getOptionalValue("tenancy.health.timeout-seconds", Integer.class)
                .orElse(2);
        for (String placement : declared(
                config.getOptionalValue("tenancy.placements", String.class).orElse(""))) {
            discovery
                    .addBean()
                    .beanClass(PlacementCheck.class)
                    .types(HealthCheck.class, Object.class)
                    .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                    .scope(Dependent.class)
                    .id(PlacementChecks.class.getName() + ":" + placement) // one bean each, not one equal to all
                    .createWith(context -> new PlacementCheck(placement, timeoutSeconds));
        }
    }

    /** {@value Placements#SHARED} and the declared list's names, each once, in order. */
    static Set<String> declared(String list) {
        Set<String> names = new LinkedHashSet<>();
        names.add(Placements.SHARED);
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }
}
