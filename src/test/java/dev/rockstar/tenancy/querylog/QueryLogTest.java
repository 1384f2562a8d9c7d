package dev.rockstar.tenancy.querylog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.cluster.ClusterChange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryLogTest {

    private final QueryLog log = new QueryLog();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(QueryLog.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void setUp() {
        log.maxStatements = 3;
        log.slowMillis = 1000;
        log.read();
        logger.addHandler(handler);
    }

    @AfterEach
    void tearDown() {
        logger.removeHandler(handler);
    }

    @Test
    void aSettingFromAnotherNodeTurnsTheLogOnHereAndKeepsTheLastStatements() {
        fromFeed("acme", "on millis=60000 values=true");
        for (int i = 1; i <= 5; i++) {
            int n = i;
            log.executed("acme", "SELECT " + i, () -> "'v" + n + "'", 2_000_000, 1);
        }
        QueryLog.Watch watch = log.watching("acme").orElseThrow();
        assertTrue(watch.values());
        assertEquals(
                List.of("SELECT 3", "SELECT 4", "SELECT 5"),
                watch.statements().stream().map(LoggedStatement::sql).toList());
        assertEquals("'v5'", watch.statements().get(2).values());
        assertEquals(2.0, watch.statements().get(2).millis());
        assertTrue(
                records.stream()
                        .anyMatch(
                                r -> r.getMessage().equals("tenant=acme SQL 2.000 ms, 1 row: SELECT 5 bind => ['v5']")),
                records::toString);
    }

    @Test
    void anotherTenantsStatementsNeverReachTheLog() {
        fromFeed("acme", "on millis=60000 values=false");
        log.executed("globex", "SELECT secret", () -> "'globex'", 1_000, 1);
        log.executed("acme", "SELECT mine", () -> "'acme'", 1_000, 1);
        assertEquals(
                List.of("SELECT mine"),
                log.watching("acme").orElseThrow().statements().stream()
                        .map(LoggedStatement::sql)
                        .toList());
        assertNull(log.watching("acme").orElseThrow().statements().get(0).values(), "redacted");
        assertEquals(Optional.empty(), log.watching("globex"));
        assertTrue(records.stream().noneMatch(r -> r.getMessage().contains("globex")), records::toString);
    }

    @Test
    void aSlowStatementOfAnyTenantIsLoggedWithItsTenantAndWithoutValues() {
        assertFalse(log.wanted("globex", Duration.ofMillis(999).toNanos()));
        assertTrue(log.wanted("globex", Duration.ofMillis(1000).toNanos()));
        log.executed(
                "globex",
                "SELECT slow",
                () -> "'secret'",
                Duration.ofMillis(1500).toNanos(),
                7);
        LogRecord slow = records.stream()
                .filter(r -> r.getLevel() == Level.WARNING)
                .findFirst()
                .orElseThrow();
        assertEquals(
                "tenant=globex slow SQL (over tenancy.query-log.slow-millis=1000) 1500.000 ms, 7 rows: SELECT slow",
                slow.getMessage());
        assertEquals(Optional.empty(), log.watching("globex"), "logged, not kept");
    }

    @Test
    void theLogEndsByItselfAndForgetsItsStatements() throws InterruptedException {
        fromFeed("acme", "on millis=50 values=false");
        log.executed("acme", "SELECT 1", () -> "", 1_000, 1);
        assertTrue(log.watching("acme").isPresent());
        Thread.sleep(100);
        log.executed("acme", "SELECT 2", () -> "", 1_000, 1);
        assertEquals(Optional.empty(), log.watching("acme"));
        assertTrue(records.stream().anyMatch(r -> r.getMessage().startsWith("tenant=acme query log ended")));
    }

    @Test
    void offFromAnotherNodeOrADeletionEndsIt() {
        fromFeed("acme", "on millis=60000 values=false");
        fromFeed("acme", "off");
        assertEquals(Optional.empty(), log.watching("acme"));
        fromFeed("acme", "on millis=60000 values=false");
        log.onElsewhere(new ClusterChange(ClusterChange.Kind.DELETED, "acme", Set.of()));
        assertEquals(Optional.empty(), log.watching("acme"));
    }

    @Test
    void settingsTravelAsText() {
        QueryLogSetting on = new QueryLogSetting(Duration.ofMinutes(15), true);
        assertEquals("on millis=900000 values=true", on.text());
        assertEquals(Optional.of(on), QueryLogSetting.parse(on.text()));
        assertEquals(Optional.of(QueryLogSetting.off()), QueryLogSetting.parse("off"));
        for (String unknown : new String[] {null, "", "on", "on millis=x values=true", "on millis=0 values=true"}) {
            assertEquals(Optional.empty(), QueryLogSetting.parse(unknown), unknown);
        }
    }

    private void fromFeed(String tenant, String setting) {
        log.onElsewhere(new ClusterChange(ClusterChange.Kind.QUERY_LOG, tenant, Set.of(), setting));
    }
}
