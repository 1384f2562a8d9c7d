package dev.rockstar.tenancy.testing;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** Where a tenant's rows are, for the tests in the test JVM: asked of the deployment's {@link PlacementProbe}. */
public final class PlacementRows {

    private PlacementRows() {}

    /**
     * The tenant's rows per placement, every table together, as {@link PlacementProbe} counts them in the deployment; the
     * database placement of a PostgreSQL run ({@link Deployments#DATABASE_PLACEMENT}) only where it
     * holds some, so that one expectation serves every run.
     */
    public static Map<String, Long> rowsPerPlacement(TenancyClient client, String tenantId) {
        JsonObject rows = client.get("localhost", "/api/test/placements/" + tenantId + "/rows")
                .assertJson(200);
        Map<String, Long> counted = new TreeMap<>();
        for (String placement : rows.keySet()) {
            long sum = rows.getJsonObject(placement).values().stream()
                    .mapToLong(v -> ((JsonNumber) v).longValue())
                    .sum();
            if (sum > 0 || !placement.equals(Deployments.DATABASE_PLACEMENT)) {
                counted.put(placement, sum);
            }
        }
        return counted;
    }
}
