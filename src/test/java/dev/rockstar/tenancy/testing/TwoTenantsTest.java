package dev.rockstar.tenancy.testing;

import org.junit.jupiter.api.BeforeEach;

/**
 * An isolation test: two tenants of its own for each test, {@link #a} and {@link #b} (their
 * hosts), so that A can write and B can be shown not to see it.
 */
public abstract class TwoTenantsTest extends DeployedWarTest {

    protected String a;
    protected String b;

    /** Starts the tenant ids, to tell in a shared database which test made them. */
    protected abstract String prefix();

    @BeforeEach
    void twoTenants() {
        a = client.newTenant(prefix() + "-a");
        b = client.newTenant(prefix() + "-b");
    }
}
