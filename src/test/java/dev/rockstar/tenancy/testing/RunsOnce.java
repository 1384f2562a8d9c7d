package dev.rockstar.tenancy.testing;

/**
 * The JUnit tag of a test that takes long, checks the application's own logic and would find
 * nothing new on another server or database: it runs in the payara-h2 execution only (the other
 * four exclude {@code it.once.tags} in pom.xml).
 * <pre>
 * &#64;Test &#64;Tag(RunsOnce.TAG) void aMinuteLongAggregation() { … }
 * </pre>
 */
public final class RunsOnce {

    public static final String TAG = "runs-once";

    private RunsOnce() {}
}
