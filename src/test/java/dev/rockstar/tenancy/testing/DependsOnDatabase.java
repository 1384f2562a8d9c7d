package dev.rockstar.tenancy.testing;

/**
 * The JUnit tag of a test whose outcome can differ by database: what the database itself does
 * (persistence, row-level security, an outage, a restart, locking and races around a deletion,
 * counts kept in a transaction, retention by SQL, the cluster's change feed). The matrix runs
 * these on every server and database; the two narrow executions, payara-postgresql and
 * wildfly-h2, run only these, as the rest of what those servers do is run by payara-h2 and
 * wildfly-postgresql (pom.xml, {@code it.database.tag}; docs/TESTING.md, "What runs where").
 * A test that reads or writes the database in a way another database may answer differently
 * carries it; one that only goes through the application's logic on whatever database is there
 * does not.
 * <pre>
 * &#64;Tag(DependsOnDatabase.TAG) class RowLevelSecurityIT extends DeployedWarTest { … }
 * </pre>
 */
public final class DependsOnDatabase {

    public static final String TAG = "database";

    private DependsOnDatabase() {}
}
