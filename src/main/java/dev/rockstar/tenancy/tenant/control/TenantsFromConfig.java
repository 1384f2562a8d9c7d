package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.problems.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Registers the tenants declared in configuration at start, so a deployment has its tenants
 * before the first request without a call to the admin API:
 * <pre>
 * tenancy.tenants=acme,globex
 * tenancy.tenant.acme.name=Acme Corp
 * tenancy.tenant.acme.hosts=acme.example.com,www.acme.example.com
 * </pre>
 * Idempotent across restarts: a declared tenant that exists keeps what operators changed and
 * only gains declared hosts it lacks. A declaration that cannot hold (bad id, a host of another
 * tenant) fails the deployment with a message naming the key.
 */
@ApplicationScoped
class TenantsFromConfig {

    private static final Logger LOG = Logger.getLogger(TenantsFromConfig.class.getName());

    @Inject
    Config config;

    @Inject
    TenantRegistry registry;

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) Startup startup) {
        for (String id :
                config.getOptionalValues("tenancy.tenants", String.class).orElse(List.of())) {
            try {
                declare(id.strip());
            } catch (ProblemException e) {
                throw new IllegalStateException(
                        "tenancy.tenants: cannot register the tenant '" + id + "': " + e.getMessage(), e);
            }
        }
    }

    private void declare(String id) {
        String prefix = "tenancy.tenant." + id + ".";
        List<String> hosts =
                config.getOptionalValues(prefix + "hosts", String.class).orElse(List.of());
        if (registry.find(id).isEmpty()) {
            String name = config.getOptionalValue(prefix + "name", String.class).orElse(id);
            // placed once, at registration: later it moves only by a move, never by a restart
            String placement =
                    config.getOptionalValue(prefix + "placement", String.class).orElse(null);
            registry.register(new TenantRegistry.Registration(id, name, hosts, null, null, placement));
            LOG.info(() -> "Registered tenant '" + id + "' from configuration with hosts " + hosts
                    + (placement == null ? "" : " in the placement " + placement));
            return;
        }
        for (String host : hosts) {
            registry.addHost(id, host);
        }
    }
}
