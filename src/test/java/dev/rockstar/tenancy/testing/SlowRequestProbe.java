package dev.rockstar.tenancy.testing;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Test-only: holds a request for the milliseconds its {@value #HEADER} header asks, so that a test
 * knows how long a tenant's request took at least, whatever the endpoint. Runs after the tenant is
 * resolved and inside the request timing of the metrics filter.
 */
@Provider
@Priority(Priorities.USER)
public class SlowRequestProbe implements ContainerRequestFilter {

    public static final String HEADER = "X-Test-Delay-Millis";
    private static final long MAX_MILLIS = 5_000;

    @Override
    public void filter(ContainerRequestContext request) {
        String millis = request.getHeaderString(HEADER);
        if (millis == null) {
            return;
        }
        try {
            Thread.sleep(Math.min(MAX_MILLIS, Long.parseLong(millis)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
