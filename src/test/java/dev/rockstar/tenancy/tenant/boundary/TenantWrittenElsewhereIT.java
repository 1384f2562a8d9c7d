package dev.rockstar.tenancy.tenant.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenantRowProbe;
import dev.rockstar.tenancy.testing.Wait;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tenants are read from the database when a request asks for them, not all at start: a tenant
 * that another node (or SQL) wrote, with no event on this node, resolves too.
 */
@Tag(DependsOnDatabase.TAG)
class TenantWrittenElsewhereIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("tenancy.directory.unknown-seconds", "1")).addClass(TenantRowProbe.class);
    }

    @Test
    void aTenantWrittenPastTheRegistryResolvesOnItsFirstRequest() {
        String id = "elsewhere-" + Long.toHexString(System.nanoTime());
        String host = id + ".test";
        insertPastTheRegistry(id, host);
        assertEquals(id, client.get(host, "/api/tenant/info").assertJson(200).getString("tenant_id"));
        assertEquals(
                id,
                client.get(host.toUpperCase() + ":8080", "/api/tenant/info")
                        .assertJson(200)
                        .getString("tenant_id"));
    }

    @Test
    void aHostFoundUnownedResolvesOnceItsTenantIsWrittenElsewhere() {
        String id = "later-" + Long.toHexString(System.nanoTime());
        String host = id + ".test";
        client.get(host, "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
        insertPastTheRegistry(id, host);
        // Not a timing assertion: the unowned answer is remembered for a second, and the deadline
        // only bounds the wait on a slow machine.
        TenancyClient.Reply reply = Wait.until(
                "the tenant written elsewhere to resolve",
                () -> client.get(host, "/api/tenant/info"),
                r -> r.status() != 404);
        assertEquals(id, reply.assertJson(200).getString("tenant_id"));
    }

    @Test
    void aTenantRegisteredThroughTheRegistryResolvesAtOnceEvenIfItsHostWasAskedForBefore() {
        String id = "registered-" + Long.toHexString(System.nanoTime());
        String host = id + ".test";
        client.get(host, "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
        client.admin("POST", "/tenants", "{\"id\":\"" + id + "\",\"hosts\":[\"" + host + "\"]}")
                .assertStatus(201);
        assertEquals(id, client.get(host, "/api/tenant/info").assertJson(200).getString("tenant_id"));
        client.admin("DELETE", "/tenants/" + id, null).assertStatus(204);
        client.get(host, "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
    }

    private void insertPastTheRegistry(String id, String host) {
        client.send("POST", "localhost", "/api/test/tenant-rows/" + id + "/" + host, null, null)
                .assertStatus(204);
    }
}
