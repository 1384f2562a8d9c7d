package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only: added to the deployment under test to record the registry's events as an
 * application observer would see them, and to show them at {@code /api/test/tenant-events}.
 */
public final class TenantEventRecorder {

    private TenantEventRecorder() {}

    @ApplicationScoped
    public static class Recorded {

        private final List<String> events = new CopyOnWriteArrayList<>();

        public List<String> events() {
            return events; // through a method: a field read on the client proxy would see the proxy's own
        }

        void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantEvent event) {
            events.add(event.kind() + " " + event.tenantId()
                    + " before="
                    + (event.before() == null ? "-" : event.before().status())
                    + " after=" + (event.after() == null ? "-" : event.after().status()));
        }
    }

    @Path("test/tenant-events")
    @ApplicationScoped
    public static class Resource {

        @Inject
        Recorded recorded;

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public JsonArray events() {
            JsonArrayBuilder array = Json.createArrayBuilder();
            recorded.events().forEach(array::add);
            return array.build();
        }
    }
}
