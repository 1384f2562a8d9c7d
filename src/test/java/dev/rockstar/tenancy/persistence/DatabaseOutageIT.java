package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PostgresRole;
import dev.rockstar.tenancy.testing.ServerProcess;
import dev.rockstar.tenancy.testing.TcpProxy;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The database goes away, or cannot keep up, under a running server: requests answer 503
 * {@code UNAVAILABLE} as problem documents within a bounded time, nothing is half-written, tenant
 * resolution keeps answering from memory, and service resumes by itself when the database is back.
 * The server runs on a datasource of its own behind a proxy the test can cut, with the pool
 * settings of docs/DEPLOYMENT.md at small values ({@link ServerProcess#startOnPostgres}: 4
 * connections, 2 s wait for one).
 */
@EnabledIfSystemProperty(
        named = "it.database",
        matches = "postgresql",
        disabledReason = "needs a database server that can go away; the embedded H2 runs inside the server")
@DisabledIfSystemProperty(
        named = "it.server",
        matches = "glassfish",
        disabledReason =
                "starts the server by hand on a datasource behind a proxy; the test knows how to start Payara Micro and WildFly, not a GlassFish domain")
@Tag(DependsOnDatabase.TAG)
class DatabaseOutageIT {

    /**
     * No answer may take longer: far above the pool's 2 s wait and the time a refused connection
     * takes to fail, far below "hung". The client gives up at 30 s, which would fail the test too.
     */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(25);

    private static TcpProxy proxy;
    private static ServerProcess server;
    private static TenancyClient client;

    @BeforeAll
    static void serverBehindProxy() throws Exception {
        proxy = new TcpProxy(PostgresRole.address().getPort());
        proxy.start();
        Path root = Files.createTempDirectory(Path.of("target"), "server-outage-");
        server = ServerProcess.startOnPostgres(
                root, Path.of("target", "outage.log"), Deployments.baseConfig(), proxy.port());
        client = new TenancyClient(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    /** Whatever a test left behind, the next one starts with the database there and answering. */
    @AfterEach
    void databaseBack() {
        if (!proxy.isRunning()) {
            proxy.start();
        }
        Wait.until(
                "the admin API answering with the database back",
                Duration.ofSeconds(60),
                () -> client.admin("GET", "/tenants?limit=1", null).status() == 200);
    }

    @Test
    void whileTheDatabaseIsAwayRequestsAreUnavailableAndNothingIsHalfWritten() throws Exception {
        String host = client.newTenant("outage");
        client.postJson(host, "/api/documents", "{\"title\":\"before\",\"content\":\"kept\"}")
                .assertStatus(201);

        proxy.cut();
        client.postJson(host, "/api/documents", "{\"title\":\"during\",\"content\":\"lost\"}")
                .assertProblem(503, "UNAVAILABLE");
        client.get(host, "/api/documents").assertProblem(503, "UNAVAILABLE");
        client.admin("POST", "/tenants", "{\"id\":\"born-in-outage\",\"hosts\":[\"born.test\"]}")
                .assertProblem(503, "UNAVAILABLE");
        assertEquals(
                TenancyClient.idOf(host),
                client.get(host, "/api/tenant/info").assertJson(200).getString("tenant_id"),
                "resolution needs no database");

        proxy.start();
        JsonObject documents = awaitRecovery(host);
        assertEquals(1, documents.getInt("total"), "the request that failed wrote nothing");
        assertEquals("before", documents.getJsonArray("items").getJsonObject(0).getString("title"));
        client.admin("GET", "/tenants/born-in-outage", null).assertProblem(404, "NOT_FOUND");
        client.get("born.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
    }

    /**
     * A logged-in user's every request reads the session's user from the database, before JAX-RS
     * (the authentication mechanism): while the database is away that answers 503
     * {@code UNAVAILABLE} as a problem document (it was the container's 500), and the session
     * counts again once the database is back.
     */
    @Test
    void aLoggedInUsersRequestsAreUnavailableDuringAnOutageAndTheSessionOutlivesIt() throws Exception {
        String host = client.newTenant("session");
        client.createUser(host, "carol", "password-of-c", "[]");
        String cookie = "JSESSIONID="
                + TenancyClient.sessionOf(
                        client.login(host, "carol", "password-of-c").assertStatus(200));
        assertEquals(
                "carol",
                client.get(host, "/api/me", "Cookie", cookie).assertJson(200).getString("username"));

        proxy.cut();
        client.get(host, "/api/me", "Cookie", cookie).assertProblem(503, "UNAVAILABLE");
        client.postJson(host, "/api/documents", "{\"title\":\"logged in\",\"content\":\"lost\"}", "Cookie", cookie)
                .assertProblem(503, "UNAVAILABLE");

        proxy.start();
        awaitRecovery(host);
        assertEquals(
                "carol",
                client.get(host, "/api/me", "Cookie", cookie).assertJson(200).getString("username"),
                "the session outlived the outage");
        assertEquals(
                0,
                client.get(host, "/api/documents", "Cookie", cookie)
                        .assertJson(200)
                        .getInt("total"));
    }

    /**
     * Writers keep going while the database goes away and comes back: every answer is 201 or 503
     * within the bound, every acknowledged write is stored, and no change is stored in part (a
     * tenant is registered with both of its hosts or not at all).
     */
    @Test
    void concurrentWritersThroughAnOutageGetTimelyAnswersAndLeaveNothingHalfWritten() throws Exception {
        String host = client.newTenant("writers");
        String run = Long.toHexString(System.nanoTime());
        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String name = "wr-" + run + "-" + writer + "-" + i;
                        Instant start = Instant.now();
                        TenancyClient.Reply reply = i % 2 == 0
                                ? client.postJson(
                                        host, "/api/documents", "{\"title\":\"" + name + "\",\"content\":\"whole\"}")
                                : client.admin(
                                        "POST",
                                        "/tenants",
                                        "{\"id\":\"" + name + "\",\"hosts\":[\"" + name + ".test\",\"www." + name
                                                + ".test\"]}");
                        answers.add(new Answer(
                                i % 2 == 0 ? "document" : "tenant",
                                name,
                                reply.status(),
                                reply.status() == 503 ? reply.json().getString("code") : "",
                                Duration.between(start, Instant.now())));
                    }
                    return null;
                });
            }
            awaitAnswers(answers, a -> a.status() == 201, 10);
            proxy.cut();
            int beforeOutage = answers.size();
            awaitAnswers(answers, a -> a.status() == 503, 8);
            assertEquals(
                    TenancyClient.idOf(host),
                    client.get(host, "/api/tenant/info").assertJson(200).getString("tenant_id"),
                    "resolution answers from memory during the outage");
            proxy.start();
            awaitRecovery(host);
            int recovered = answers.size();
            awaitAnswers(answers, a -> a.status() == 201, countOf(answers, a -> a.status() == 201) + 10);
            assertTrue(answers.size() > recovered && beforeOutage > 0);
        } finally {
            stop.set(true);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS), "every writer got its answers");
        }

        for (Answer answer : answers) {
            assertTrue(
                    answer.status() == 201
                            || (answer.status() == 503 && answer.code().equals("UNAVAILABLE")),
                    () -> "only 201 or 503 UNAVAILABLE: " + answer);
            assertTrue(
                    answer.took().compareTo(ANSWER_BOUND) < 0, () -> "answered within " + ANSWER_BOUND + ": " + answer);
        }
        try (Connection owner = ownerConnection()) {
            Map<String, Integer> hostsOf = countsByName(
                    owner,
                    "select t.id, count(h.host) from tenant t left join tenant_host h on h.tenant_id = t.id"
                            + " where t.id like ? group by t.id",
                    "wr-" + run + "-%");
            Map<String, Integer> documents = countsByName(
                    owner,
                    "select title, count(*) from document where title like ? and content = 'whole' group by title",
                    "wr-" + run + "-%");
            hostsOf.forEach((tenant, hosts) ->
                    assertEquals(2, hosts, () -> tenant + " is registered with both hosts or not at all"));
            int inDoubt = 0;
            for (Answer answer : answers) {
                Map<String, Integer> stored = answer.kind().equals("document") ? documents : hostsOf;
                if (answer.status() == 201) {
                    assertTrue(stored.containsKey(answer.name()), () -> "an acknowledged write is stored: " + answer);
                } else if (stored.containsKey(answer.name())) {
                    inDoubt++; // committed while the connection broke: whole, as a commit is
                }
            }
            System.out.printf(
                    "DatabaseOutageIT: %d answers, %d × 201, %d × 503, %d committed as the connection broke,"
                            + " slowest %d ms%n",
                    answers.size(),
                    countOf(answers, a -> a.status() == 201),
                    countOf(answers, a -> a.status() == 503),
                    inDoubt,
                    answers.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0));
        }
    }

    /**
     * Slow queries hold every connection of the pool (a lock the test takes stands in for them): a
     * request that needs the database answers 503 once the pool's wait is over instead of queueing
     * without end; resolution answers; when the slow ones finish, everything works again.
     */
    @Test
    void anExhaustedPoolAnswersUnavailableInTimeAndRecovers() throws Exception {
        String host = client.newTenant("pool");
        client.postJson(host, "/api/documents", "{\"title\":\"there\",\"content\":\"before\"}")
                .assertStatus(201);
        List<CompletableFuture<TenancyClient.Reply>> slow = new ArrayList<>();
        ExecutorService requests = Executors.newFixedThreadPool(6);
        try (Connection owner = ownerConnection()) {
            owner.setAutoCommit(false);
            try (Statement lock = owner.createStatement()) {
                lock.execute("LOCK TABLE document IN ACCESS EXCLUSIVE MODE");
            }
            for (int i = 0; i < 6; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> client.get(host, "/api/documents"), requests));
            }
            awaitWaitingOnTheLock(owner, 4);

            Instant start = Instant.now();
            client.get(host, "/api/documents").assertProblem(503, "UNAVAILABLE");
            client.postJson(host, "/api/documents", "{\"title\":\"refused\",\"content\":\"never\"}")
                    .assertProblem(503, "UNAVAILABLE");
            Duration took = Duration.between(start, Instant.now());
            assertTrue(took.compareTo(ANSWER_BOUND.multipliedBy(2)) < 0, "two answers within the bound: " + took);
            assertEquals(
                    TenancyClient.idOf(host),
                    client.get(host, "/api/tenant/info").assertJson(200).getString("tenant_id"),
                    "resolution answers from memory while the pool is exhausted");

            owner.commit(); // the slow queries finish
        } finally {
            requests.shutdown();
        }
        for (CompletableFuture<TenancyClient.Reply> request : slow) {
            TenancyClient.Reply reply = request.get(60, TimeUnit.SECONDS);
            assertTrue(reply.status() == 200 || reply.status() == 503, reply::body);
        }
        JsonObject documents = client.get(host, "/api/documents").assertJson(200);
        assertEquals(1, documents.getInt("total"), "the refused write wrote nothing");
        client.postJson(host, "/api/documents", "{\"title\":\"after\",\"content\":\"works\"}")
                .assertStatus(201);
        assertEquals(2, client.get(host, "/api/documents").assertJson(200).getInt("total"));
    }

    private record Answer(String kind, String name, int status, String code, Duration took) {}

    /** Until the service resumes with the database back; unavailable (503) until then, never another error. */
    private static JsonObject awaitRecovery(String host) {
        return Wait.until(
                        "the service to resume with the database back",
                        Duration.ofSeconds(60),
                        () -> client.get(host, "/api/documents"),
                        reply -> {
                            assertTrue(reply.status() == 200 || reply.status() == 503, reply::toString);
                            return reply.status() == 200;
                        })
                .json();
    }

    private static void awaitAnswers(Queue<Answer> answers, Predicate<Answer> kind, int count) {
        Wait.until(
                count + " answers of the kind expected",
                Duration.ofSeconds(90),
                () -> answers,
                all -> countOf(all, kind) >= count);
    }

    private static int countOf(Queue<Answer> answers, Predicate<Answer> kind) {
        return (int) answers.stream().filter(kind).count();
    }

    private static void awaitWaitingOnTheLock(Connection owner, int connections) throws Exception {
        // pg_locks, not pg_stat_activity: that hides other roles' wait events from a non-superuser
        try (Connection observer = ownerConnection();
                PreparedStatement waiting = observer.prepareStatement(
                        "select count(*) from pg_locks where relation = 'document'::regclass and not granted")) {
            Wait.until(
                    "the pool's " + connections + " connections all waiting on the lock",
                    Duration.ofSeconds(60),
                    () -> {
                        try (ResultSet count = waiting.executeQuery()) {
                            count.next();
                            return count.getInt(1) >= connections;
                        }
                    });
        }
    }

    private static Map<String, Integer> countsByName(Connection connection, String sql, String pattern)
            throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, pattern);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    /** As the tables' owner, straight to PostgreSQL: what is really stored, whatever the policies. */
    private static Connection ownerConnection() throws SQLException {
        return PostgresRole.OWNER.connect();
    }
}
