package dev.rockstar.tenancy.testing;

import org.junit.jupiter.api.BeforeEach;

/**
 * An isolation test: two tenants of its own for each test, {@link #a} and {@link #b} (their
 * hosts), so that A can write and B can be shown not to see it. Both live in one placement other
 * than {@code shared} ({@link #placement()}, unless a class says otherwise: on H2 the schema placement
 * {@code premium}, on PostgreSQL the database placement {@link Deployments#DATABASE_PLACEMENT}), so
 * that every feature these tests cover is shown to work there, and two tenants of one placement to be
 * kept apart by the discriminator there too; the tenants of the other tests live in {@code shared}.
 */
public abstract class TwoTenantsTest extends DeployedWarTest {

    protected String a;
    protected String b;

    /** Starts the tenant ids, to tell in a shared database which test made them. */
    protected abstract String prefix();

    /** Where both tenants' rows live. */
    protected String placement() {
        return Deployments.isPostgres() ? Deployments.DATABASE_PLACEMENT : "premium";
    }

    @BeforeEach
    void twoTenants() {
        a = client.newTenant(prefix() + "-a", placement());
        b = client.newTenant(prefix() + "-b", placement());
    }
}
