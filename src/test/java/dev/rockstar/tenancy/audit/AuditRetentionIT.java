package dev.rockstar.tenancy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.testing.AuditRowProbe;
import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Entries older than {@code tenancy.audit.retention-days} are deleted on schedule, in batches;
 * younger ones stay. Run here every second in batches of 2, with a retention of 30 days; the old
 * entries are written with SQL, as the application only writes entries of now.
 */
@Tag(DependsOnDatabase.TAG)
class AuditRetentionIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                        "tenancy.audit.retention-days",
                        "30",
                        "tenancy.audit.prune-every",
                        "PT1S",
                        "tenancy.audit.prune-batch",
                        "2"))
                .addClass(AuditRowProbe.class);
    }

    @Test
    void entriesPastRetentionArePrunedInBatchesAndYoungerOnesStay() throws InterruptedException {
        String event = "RETENTION_" + Long.toHexString(System.nanoTime()).toUpperCase();
        for (int i = 0; i < 7; i++) {
            insert(event, 31 * 24 + i); // past retention: seven rows, four batches of two
        }
        insert(event, 29 * 24); // within it
        insert(event, 0);

        List<JsonObject> left = Wait.until(
                "the entries past retention pruned", Duration.ofSeconds(60), () -> entries(event), l -> l.size() <= 2);
        assertEquals(2, left.size(), left::toString);
        Instant now = Instant.now();
        for (JsonObject entry : left) {
            Instant at = Instant.parse(entry.getString("at"));
            assertEquals(true, at.isAfter(now.minus(Duration.ofDays(30))), entry::toString);
        }

        Thread.sleep(2_000); // two more runs: nothing within retention goes
        assertEquals(2, entries(event).size());
    }

    private void insert(String event, long hoursAgo) {
        client.send(
                        "POST",
                        "localhost",
                        "/api/test/audit-rows/" + UUID.randomUUID() + "/" + event + "/" + hoursAgo,
                        null,
                        null)
                .assertStatus(204);
    }

    private List<JsonObject> entries(String event) {
        return client.admin("GET", "/audit?event=" + event + "&limit=100", null)
                .assertJson(200)
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }
}
