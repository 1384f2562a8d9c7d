package dev.rockstar.tenancy.testing;

/**
 * The JUnit tag of a test that takes long, checks the application's own logic and would find
 * nothing new on another server or database: it runs in the payara-h2 execution only (every other
 * execution excludes {@code it.once.tags} in pom.xml). The rule: a test whose outcome depends only
 * on the application's code (rate limits, lockout counting, series budgets, audit throttling) runs
 * once; a test that exercises what a server does (HTTP parsing, headers, sessions and cookies,
 * context propagation, transactions) or a database does ({@link DependsOnDatabase}) does not carry
 * this tag, however long it takes.
 * <pre>
 * &#64;Test &#64;Tag(RunsOnce.TAG) void aMinuteLongAggregation() { … }
 * </pre>
 */
public final class RunsOnce {

    public static final String TAG = "runs-once";

    private RunsOnce() {}
}
