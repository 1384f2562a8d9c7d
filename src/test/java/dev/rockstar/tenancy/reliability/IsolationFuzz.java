package dev.rockstar.tenancy.reliability;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A seeded, randomized, multi-threaded workload over HTTP that checks every answer against a
 * model of what its tenant may see. Each worker thread owns a disjoint set of tenants and is the
 * only one to send their data calls and most of their operator changes, so its model of them is
 * exact (counts, rows, comments, sessions, cached values, hosts, status); all threads run at once,
 * so every call interleaves with other tenants' calls and operator changes. One more thread, the
 * racing operator, suspends and reactivates, renames, cache-clears and re-hosts the raced tenants
 * behind their owners' backs: an owner's call that meets such a change may get 403
 * {@code TENANT_INACTIVE}, an expected error of its kind, never a leak.
 * <p>
 * Every value written carries its tenant's marker ({@code FZ<run>T<n>Z}) and every tenant id is
 * {@code fz<run>-<n>}: a marker or id of any other tenant in any answer is a leak, as is any 2xx
 * to a call on another tenant's row or with another tenant's session. A 5xx, an I/O failure or an
 * answer the model did not allow is an error.
 * <p>
 * The seed decides the tenants' roles and each thread's sequence of choices; the threads'
 * interleaving, and so the exact order the server sees, is up to the scheduler and differs from
 * run to run.
 */
final class IsolationFuzz {

    static final int RATE_LIMIT = 20;
    private static final int MAX_DOCS = 30;
    private static final int MAX_COMMENTS = 12;
    private static final int CACHE_KEYS = 5;
    private static final int SPARE_HOSTS_PER_THREAD = 3;
    private static final String USER = "fuzzer";
    private static final String JSON_TYPE = "application/json";
    /** Where tenants are registered, in turn, and moved between: {@code shared} and the test deployment's. */
    static final List<String> PLACEMENTS =
            List.copyOf(Stream.concat(Stream.of("shared"), Stream.of(Deployments.PLACEMENTS.split(",")))
                    .toList());

    /**
     * @param overlap whether the mover and the owners try to move again, or delete, a tenant whose
     *     last move still removes its source rows (after the thaw), which answers 409 until the move
     *     is over (PlacementMoveRaceIT); off, they wait for the move to be over
     */
    record Settings(long seed, long operations, long seconds, int threads, int tenants, int logins, boolean overlap) {}

    private final TenancyClient client;
    private final Settings settings;
    private final String run;
    private final List<FuzzTenant> tenants = new ArrayList<>();
    private final List<FuzzTenant> raced = new ArrayList<>();
    private final Pattern foreignIds;
    private final Pattern foreignMarkers;

    private final List<String[]> knownDocs = new ArrayList<>(); // {id, owner index}; guarded by itself
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong loginBudget;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder leaks = new LongAdder();
    private final LongAdder readOnlyRefusals = new LongAdder();
    private final LongAdder movesStarted = new LongAdder();
    private final LongAdder movesDone = new LongAdder();
    private final LongAdder movesFailed = new LongAdder();
    /** Moves thawed but maybe still removing their source rows: path by tenant, the mover's own. */
    private final Map<FuzzTenant, String> cleaning = new LinkedHashMap<>();

    private final Map<String, LongAdder> expected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<Integer, Worker> workers = new java.util.HashMap<>();
    private final ConcurrentLinkedQueue<String> details = new ConcurrentLinkedQueue<>();
    private volatile long deadline;

    IsolationFuzz(TenancyClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
        // Unique per run, not per seed: the PostgreSQL runs share one database between runs.
        this.run = Long.toString(System.nanoTime() & 0xffffffL, 36);
        this.foreignIds = Pattern.compile("fz" + run + "-(\\d+)(?![0-9])");
        this.foreignMarkers = Pattern.compile("FZ" + run.toUpperCase() + "T(\\d+)Z");
        this.loginBudget = new AtomicLong(settings.logins());
    }

    /** Registers the tenants and their users; not counted as operations. */
    void setUp() {
        Random roles = new Random(settings.seed());
        for (int i = 0; i < settings.tenants(); i++) {
            int role = roles.nextInt(10);
            FuzzTenant tenant = new FuzzTenant(
                    i, run, role == 1, role == 2, role == 3 && i < 60, PLACEMENTS.get(i % PLACEMENTS.size()));
            tenants.add(tenant);
            if (tenant.raced) {
                raced.add(tenant);
            }
            client.admin("POST", "/tenants", tenant.registration()).assertStatus(201);
            if (tenant.withUser) {
                createUser(tenant);
            }
        }
    }

    private void createUser(FuzzTenant tenant) {
        client.admin("POST", "/tenants/" + tenant.id + "/users", userJson(tenant))
                .assertStatus(201);
        tenant.userExists = true;
    }

    private static String userJson(FuzzTenant tenant) {
        return "{\"username\":\"" + USER + "\",\"password\":\"" + tenant.password() + "\",\"roles\":[\"member\"]}";
    }

    /** Runs the workload to its operation count or its duration, whichever the settings give. */
    void run(long seconds, long operationLimit) throws InterruptedException {
        running.set(true);
        deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
        long limit = operationLimit > 0 ? operations.get() + operationLimit : Long.MAX_VALUE;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
            int thread = t;
            Thread worker = new Thread(() -> work(thread, limit), "fuzz-" + t);
            worker.start();
            workers.add(worker);
        }
        Thread racer = new Thread(() -> race(limit), "fuzz-racer");
        racer.start();
        // The mover stops a tenth of the operations early, so that its last move is over (its
        // source rows removed) by the time the owners stop, and the run does not wait for it.
        long moverLimit = operationLimit > 0 ? limit - operationLimit / 10 : limit;
        Thread mover = new Thread(() -> move(moverLimit), "fuzz-mover");
        mover.start();
        for (Thread worker : workers) {
            worker.join(TimeUnit.MINUTES.toMillis(120));
        }
        running.set(false);
        racer.join(TimeUnit.MINUTES.toMillis(1));
        mover.join(TimeUnit.MINUTES.toMillis(3));
    }

    private boolean more(long limit) {
        return running.get() && operations.get() < limit && System.nanoTime() < deadline;
    }

    long operations() {
        return operations.get();
    }

    long leaks() {
        return leaks.sum();
    }

    long movesDone() {
        return movesDone.sum();
    }

    long movesFailed() {
        return movesFailed.sum();
    }

    long readOnlyRefusals() {
        return readOnlyRefusals.sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> result = new TreeMap<>();
        errors.forEach((kind, count) -> result.put(kind, count.sum()));
        return result;
    }

    String report() {
        StringBuilder text = new StringBuilder();
        text.append("Isolation fuzz: seed ")
                .append(settings.seed())
                .append(" (replay with -Dfuzz.seed=")
                .append(settings.seed())
                .append("; the threads' interleaving is not replayed)\n")
                .append("  server ")
                .append(System.getProperty("it.server", "payara"))
                .append('/')
                .append(System.getProperty("it.database", "h2"))
                .append(", ")
                .append(settings.tenants())
                .append(" tenants (")
                .append(raced.size())
                .append(" raced, ")
                .append(tenants.stream().filter(t -> t.rateLimited).count())
                .append(" rate-limited, ")
                .append(tenants.stream().filter(t -> t.withUser).count())
                .append(" with a user), ")
                .append(settings.threads())
                .append(" threads + 1 racing operator + 1 mover\n")
                .append("  placements ")
                .append(PLACEMENTS)
                .append(", tenants by placement at the end ")
                .append(byPlacement())
                .append('\n')
                .append("  operations ")
                .append(operations.get())
                .append(", leaks ")
                .append(leaks.sum())
                .append(", moves started ")
                .append(movesStarted.sum())
                .append(", done ")
                .append(movesDone.sum())
                .append(", failed ")
                .append(movesFailed.sum())
                .append(", writes refused 503 TENANT_READ_ONLY ")
                .append(readOnlyRefusals.sum())
                .append('\n');
        text.append("  expected errors by kind:\n");
        new TreeMap<>(expected)
                .forEach((kind, n) -> text.append("    ")
                        .append(kind)
                        .append(": ")
                        .append(n.sum())
                        .append('\n'));
        text.append("  errors by kind:").append(errors.isEmpty() ? " none\n" : "\n");
        new TreeMap<>(errors)
                .forEach((kind, n) -> text.append("    ")
                        .append(kind)
                        .append(": ")
                        .append(n.sum())
                        .append('\n'));
        details.stream()
                .filter(d -> d.startsWith("LEAK"))
                .limit(30)
                .forEach(d -> text.append("    - ").append(d).append('\n'));
        details.stream()
                .filter(d -> !d.startsWith("LEAK"))
                .limit(30)
                .forEach(d -> text.append("    - ").append(d).append('\n'));
        return text.toString();
    }

    // ---------------------------------------------------------------- the owners

    private void work(int thread, long limit) {
        Worker worker;
        synchronized (workers) { // kept from one run to the next (the soak's warm-up), with their models
            worker = workers.computeIfAbsent(thread, this::newWorker);
        }
        if (worker == null) {
            return;
        }
        while (more(limit)) {
            try {
                worker.step();
            } catch (RuntimeException | AssertionError e) {
                error("harness", e.toString());
            }
        }
    }

    private Worker newWorker(int thread) {
        Random random = new Random(settings.seed() * 1_000_003L + thread);
        List<FuzzTenant> own = new ArrayList<>();
        for (FuzzTenant tenant : tenants) {
            if (tenant.index % settings.threads() == thread) {
                own.add(tenant);
            }
        }
        if (own.isEmpty()) {
            return null;
        }
        Map<String, FuzzTenant> spares = new LinkedHashMap<>(); // spare host -> tenant, or null when free
        for (int k = 0; k < SPARE_HOSTS_PER_THREAD; k++) {
            spares.put("fz" + run + "-h" + thread + "x" + k + ".test", null);
        }
        return new Worker(random, own, spares, thread);
    }

    private final class Worker {
        private final Random random;
        private final List<FuzzTenant> own;
        private final Map<String, FuzzTenant> spares;
        private final int thread;
        private int counter;

        Worker(Random random, List<FuzzTenant> own, Map<String, FuzzTenant> spares, int thread) {
            this.random = random;
            this.own = own;
            this.spares = spares;
            this.thread = thread;
        }

        void step() {
            FuzzTenant t = own.get(random.nextInt(own.size()));
            if (!t.exists) {
                recreate(t);
                return;
            }
            if (t.suspended && random.nextInt(3) == 0) {
                setStatus(t, false);
                return;
            }
            int dice = random.nextInt(1000);
            if (dice < 120) {
                createDoc(t);
            } else if (dice < 220) {
                listDocs(t);
            } else if (dice < 300) {
                getDoc(t);
            } else if (dice < 360) {
                updateDoc(t);
            } else if (dice < 400) {
                deleteDoc(t);
            } else if (dice < 460) {
                addComment(t);
            } else if (dice < 510) {
                listComments(t);
            } else if (dice < 530) {
                deleteComment(t);
            } else if (dice < 600) {
                foreignRow(t);
            } else if (dice < 640) {
                cacheDeclarative(t);
            } else if (dice < 670) {
                cachePut(t);
            } else if (dice < 710) {
                cacheGet(t);
            } else if (dice < 725) {
                login(t);
            } else if (dice < 765) {
                me(t);
            } else if (dice < 775) {
                logout(t);
            } else if (dice < 800) {
                foreignSession(t);
            } else if (dice < 850) {
                info(t);
            } else if (dice < 890) {
                landing(t);
            } else if (dice < 910) {
                viaSpareHost();
            } else if (dice < 925) {
                setStatus(t, !t.suspended);
            } else if (dice < 945) {
                configure(t);
            } else if (dice < 975) {
                hosts(t);
            } else if (dice < 990) {
                configure(t);
            } else if (dice < 996) {
                clearCache(t);
            } else {
                delete(t);
            }
        }

        private String next() {
            return Integer.toString(++counter) + "n" + thread;
        }

        // ---- documents and comments

        private void createDoc(FuzzTenant t) {
            if (t.docs.size() >= MAX_DOCS) {
                deleteDoc(t);
                return;
            }
            String title = t.marker + " doc " + next();
            String content = "content of " + t.marker + " " + next();
            long epoch = t.epoch();
            Reply reply =
                    call(t, "POST", t.host, "/api/documents", JSON_TYPE, body("title", title, "content", content));
            boolean quota = t.maxDocuments != null && t.docs.size() >= t.maxDocuments;
            if (quota) {
                expect(t, "create over quota", reply, epoch, 403, "QUOTA_EXCEEDED");
                return;
            }
            if (expect(t, "create document", reply, epoch, 201, null)) {
                JsonObject doc = json(reply);
                if (doc == null
                        || !title.equals(doc.getString("title", null))
                        || !content.equals(doc.getString("content", null))) {
                    mismatch("create document echoed " + reply.body());
                    return;
                }
                String id = doc.getString("id");
                t.docs.put(id, new FuzzTenant.Doc(title, content));
                synchronized (knownDocs) {
                    knownDocs.add(new String[] {id, Integer.toString(t.index)});
                }
            }
        }

        private void listDocs(FuzzTenant t) {
            int size = t.docs.size();
            int offset = random.nextInt(size + 2);
            int limit = 1 + random.nextInt(50);
            long epoch = t.epoch();
            Reply reply = call(t, "GET", t.host, "/api/documents?offset=" + offset + "&limit=" + limit, null, null);
            if (!expect(t, "list documents", reply, epoch, 200, null)) {
                return;
            }
            JsonObject page = json(reply);
            if (page == null) {
                return;
            }
            JsonArray items = page.getJsonArray("items");
            if (page.getInt("total") != size || items.size() != Math.max(0, Math.min(limit, size - offset))) {
                mismatch("list of " + t.id + ": total " + page.getInt("total") + ", " + items.size() + " items; model "
                        + size + " (offset " + offset + ", limit " + limit + ")");
            }
            for (JsonValue item : items) {
                JsonObject doc = item.asJsonObject();
                FuzzTenant.Doc known = t.docs.get(doc.getString("id"));
                if (known == null
                        || !known.title.equals(doc.getString("title"))
                        || !known.content.equals(doc.getString("content"))) {
                    mismatch("list of " + t.id + " has a row the model does not: " + doc);
                }
            }
        }

        private String anyDoc(FuzzTenant t) {
            if (t.docs.isEmpty()) {
                return null;
            }
            List<String> ids = new ArrayList<>(t.docs.keySet());
            return ids.get(random.nextInt(ids.size()));
        }

        private void getDoc(FuzzTenant t) {
            String id = anyDoc(t);
            if (id == null) {
                createDoc(t);
                return;
            }
            long epoch = t.epoch();
            Reply reply = call(t, "GET", t.host, "/api/documents/" + id, null, null);
            if (expect(t, "get document", reply, epoch, 200, null)) {
                JsonObject doc = json(reply);
                if (doc != null && !t.docs.get(id).content.equals(doc.getString("content", null))) {
                    mismatch("get " + id + " of " + t.id + ": " + reply.body());
                }
            }
        }

        private void updateDoc(FuzzTenant t) {
            String id = anyDoc(t);
            if (id == null) {
                createDoc(t);
                return;
            }
            String title = t.marker + " renamed " + next();
            String content = "updated " + t.marker + " " + next();
            long epoch = t.epoch();
            Reply reply =
                    call(t, "PUT", t.host, "/api/documents/" + id, JSON_TYPE, body("title", title, "content", content));
            if (expect(t, "update document", reply, epoch, 200, null)) {
                FuzzTenant.Doc doc = t.docs.get(id);
                doc.title = title;
                doc.content = content;
            }
        }

        private void deleteDoc(FuzzTenant t) {
            String id = anyDoc(t);
            if (id == null) {
                createDoc(t);
                return;
            }
            long epoch = t.epoch();
            Reply reply = call(t, "DELETE", t.host, "/api/documents/" + id, null, null);
            if (expect(t, "delete document", reply, epoch, 204, null)) {
                t.docs.remove(id);
                epoch = t.epoch();
                expect(
                        t,
                        "get deleted document",
                        call(t, "GET", t.host, "/api/documents/" + id, null, null),
                        epoch,
                        404,
                        "NOT_FOUND");
            }
        }

        private void addComment(FuzzTenant t) {
            String id = anyDoc(t);
            if (id == null || t.docs.get(id).comments.size() >= MAX_COMMENTS) {
                createDoc(t);
                return;
            }
            long epoch = t.epoch();
            Reply reply = call(
                    t,
                    "POST",
                    t.host,
                    "/api/documents/" + id + "/comments",
                    JSON_TYPE,
                    body("text", t.marker + " comment " + next()));
            if (expect(t, "add comment", reply, epoch, 201, null)) {
                JsonObject comment = json(reply);
                if (comment != null) {
                    t.docs.get(id).comments.add(comment.getString("id"));
                }
            }
        }

        private void listComments(FuzzTenant t) {
            String id = anyDoc(t);
            if (id == null) {
                createDoc(t);
                return;
            }
            long epoch = t.epoch();
            Reply reply = call(t, "GET", t.host, "/api/documents/" + id + "/comments?limit=50", null, null);
            if (!expect(t, "list comments", reply, epoch, 200, null)) {
                return;
            }
            JsonObject page = json(reply);
            if (page == null) {
                return;
            }
            List<String> model = t.docs.get(id).comments;
            Set<String> seen = new HashSet<>();
            page.getJsonArray("items").forEach(c -> seen.add(c.asJsonObject().getString("id")));
            if (page.getInt("total") != model.size() || !seen.equals(new HashSet<>(model))) {
                mismatch("comments of " + id + " of " + t.id + ": " + seen + ", model " + model);
            }
        }

        private void deleteComment(FuzzTenant t) {
            String id = anyDoc(t);
            if (id == null || t.docs.get(id).comments.isEmpty()) {
                addComment(t);
                return;
            }
            List<String> comments = t.docs.get(id).comments;
            String comment = comments.get(random.nextInt(comments.size()));
            long epoch = t.epoch();
            Reply reply = call(t, "DELETE", t.host, "/api/documents/" + id + "/comments/" + comment, null, null);
            if (expect(t, "delete comment", reply, epoch, 204, null)) {
                comments.remove(comment);
            }
        }

        /** Another tenant's row by its id, through every verb: 404, and nothing changes. */
        private void foreignRow(FuzzTenant t) {
            String[] foreign = null;
            synchronized (knownDocs) {
                for (int tries = 0; tries < 5 && !knownDocs.isEmpty(); tries++) {
                    String[] candidate = knownDocs.get(random.nextInt(knownDocs.size()));
                    if (!candidate[1].equals(Integer.toString(t.index))) {
                        foreign = candidate;
                        break;
                    }
                }
            }
            if (foreign == null) {
                listDocs(t);
                return;
            }
            String path = "/api/documents/" + foreign[0];
            long epoch = t.epoch();
            Reply reply = switch (random.nextInt(5)) {
                case 0 ->
                    call(
                            t,
                            "PUT",
                            t.host,
                            path,
                            JSON_TYPE,
                            body("title", t.marker + " hijack " + next(), "content", t.marker));
                case 1 -> call(t, "DELETE", t.host, path, null, null);
                case 2 -> call(t, "POST", t.host, path + "/comments", JSON_TYPE, body("text", t.marker + " sneaks in"));
                case 3 -> call(t, "GET", t.host, path + "/comments", null, null);
                default -> call(t, "GET", t.host, path, null, null);
            };
            if (reply != null && reply.status() >= 200 && reply.status() < 300) {
                leak(t.id + " reached " + foreign[0] + " of tenant " + foreign[1] + ": " + reply.status() + " "
                        + reply.body());
                return;
            }
            expect(t, "another tenant's row", reply, epoch, 404, "NOT_FOUND");
        }

        // ---- cached reads

        private void cacheDeclarative(FuzzTenant t) {
            // Keys of their own: the probe's declarative and programmatic paths share one cache.
            String key = "d" + random.nextInt(CACHE_KEYS);
            long epoch = t.epoch();
            Reply reply = call(t, "GET", t.host, "/api/test/cache/declarative/" + key, null, null);
            if (expect(t, "cached read", reply, epoch, 200, null)) {
                JsonObject value = json(reply);
                if (value != null && !value.getString("value", "").endsWith(" for " + t.id + ":" + key)) {
                    mismatch("cached value of " + t.id + ": " + reply.body());
                }
            }
        }

        private void cachePut(FuzzTenant t) {
            String key = "p" + random.nextInt(CACHE_KEYS);
            String value = t.marker + "-i" + t.incarnation + "-v" + next();
            long epoch = t.epoch();
            Reply reply = call(t, "PUT", t.host, "/api/test/cache/programmatic/" + key, "text/plain", value);
            if (expect(t, "cache put", reply, epoch, 200, null)) {
                t.cached.put(key, value);
            }
        }

        private void cacheGet(FuzzTenant t) {
            String key = "p" + random.nextInt(CACHE_KEYS);
            long epoch = t.epoch();
            Reply reply = call(t, "GET", t.host, "/api/test/cache/programmatic/" + key, null, null);
            if (!expect(t, "cache get", reply, epoch, 200, null)) {
                return;
            }
            JsonObject json = json(reply);
            if (json == null) {
                return;
            }
            JsonValue value = json.get("value");
            // A miss is always allowed (eviction, a racing clear); a value must be the last one put.
            if (value != null
                    && value.getValueType() == JsonValue.ValueType.STRING
                    && !json.getString("value").equals(t.cached.get(key))) {
                mismatch("cache " + key + " of " + t.id + " holds " + json.getString("value") + ", model "
                        + t.cached.get(key));
            }
        }

        // ---- sessions

        private void login(FuzzTenant t) {
            if (!t.withUser || loginBudget.getAndDecrement() <= 0) {
                me(t);
                return;
            }
            long epoch = t.epoch();
            Reply reply =
                    call(t, "POST", t.host, "/api/login", JSON_TYPE, body("username", USER, "password", t.password()));
            if (!t.userExists) {
                expect(t, "login without a user", reply, epoch, 401, "UNAUTHORIZED");
                return;
            }
            if (expect(t, "login", reply, epoch, 200, null)) {
                JsonObject json = json(reply);
                String cookie = sessionCookie(reply);
                if (json == null || !t.id.equals(json.getString("tenant_id", null)) || cookie == null) {
                    mismatch("login on " + t.id + ": " + reply.body() + " " + reply.headers());
                    return;
                }
                t.cookie = cookie;
            }
        }

        private void me(FuzzTenant t) {
            long epoch = t.epoch();
            if (t.cookie == null) {
                expect(
                        t,
                        "me without a session",
                        call(t, "GET", t.host, "/api/me", null, null),
                        epoch,
                        401,
                        "UNAUTHORIZED");
                return;
            }
            Reply reply = call(t, "GET", t.host, "/api/me", null, null, "Cookie", t.cookie);
            if (expect(t, "me", reply, epoch, 200, null)) {
                JsonObject json = json(reply);
                if (json == null
                        || !USER.equals(json.getString("username", null))
                        || !t.id.equals(json.getString("tenant_id", null))) {
                    mismatch("me on " + t.id + ": " + reply.body());
                }
            }
        }

        private void logout(FuzzTenant t) {
            if (t.cookie == null) {
                login(t);
                return;
            }
            long epoch = t.epoch();
            Reply reply = call(t, "POST", t.host, "/api/logout", null, null, "Cookie", t.cookie);
            if (expect(t, "logout", reply, epoch, 204, null)) {
                String old = t.cookie;
                t.cookie = null;
                epoch = t.epoch();
                expect(
                        t,
                        "me after logout",
                        call(t, "GET", t.host, "/api/me", null, null, "Cookie", old),
                        epoch,
                        401,
                        "UNAUTHORIZED");
            }
        }

        /** The tenant's session on another tenant's host: 403 TENANT_MISMATCH, never the user. */
        private void foreignSession(FuzzTenant t) {
            if (t.cookie == null) {
                login(t);
                return;
            }
            FuzzTenant other = tenants.get(random.nextInt(tenants.size()));
            if (other == t) {
                me(t);
                return;
            }
            Reply reply = call(other, "GET", other.host, "/api/me", null, null, "Cookie", t.cookie);
            if (reply == null) {
                return;
            }
            if (reply.status() == 200) {
                leak("a session of " + t.id + " was accepted on " + other.id + ": " + reply.body());
                return;
            }
            String code = code(reply);
            if (reply.status() >= 500) {
                error("5xx", "foreign session: " + reply.status() + " " + reply.body());
            } else if (reply.status() == 403 && "TENANT_MISMATCH".equals(code)) {
                return; // the documented answer
            } else if (reply.status() == 404 && "TENANT_NOT_FOUND".equals(code)
                    || reply.status() == 403 && "TENANT_INACTIVE".equals(code)
                    || reply.status() == 429 && other.rateLimited) {
                expected(reply.status() + " " + code + " (another thread's tenant, not in this thread's model)");
            } else {
                mismatch("a session of " + t.id + " on " + other.id + ": " + reply.status() + " " + reply.body());
            }
        }

        // ---- tenant info, landing page, hosts

        private void info(FuzzTenant t) {
            long epoch = t.epoch();
            Reply reply = call(t, "GET", t.host, "/api/tenant/info", null, null);
            if (expect(t, "tenant info", reply, epoch, 200, null)) {
                checkInfo(t, reply);
            }
        }

        private void checkInfo(FuzzTenant t, Reply reply) {
            JsonObject info = json(reply);
            if (info == null) {
                return;
            }
            Set<String> hosts = new HashSet<>();
            info.getJsonArray("hosts").forEach(h -> hosts.add(((jakarta.json.JsonString) h).getString()));
            Set<String> wanted = new HashSet<>(t.spareHosts);
            wanted.add(t.host);
            hosts.removeIf(h -> t.raced && h.startsWith("fz" + run + "-r")); // the racing operator's
            if (!t.id.equals(info.getString("tenant_id"))
                    || !info.getString("name").contains(t.marker)
                    || !hosts.equals(wanted)) {
                mismatch("info of " + t.id + ": " + reply.body() + "; hosts wanted " + wanted);
            }
        }

        private void landing(FuzzTenant t) {
            long epoch = t.epoch();
            Reply reply = call(t, "GET", t.host, "/", null, null);
            if (expect(t, "landing page", reply, epoch, 200, null)
                    && !reply.body().contains(t.marker)) {
                mismatch("landing page of " + t.id + " without its name: " + reply.body());
            }
        }

        private void viaSpareHost() {
            List<String> hosts = new ArrayList<>(spares.keySet());
            String host = hosts.get(random.nextInt(hosts.size()));
            FuzzTenant owner = spares.get(host);
            if (owner == null) {
                Reply reply = call(null, "GET", host, "/api/tenant/info", null, null);
                if (reply != null && reply.status() == 404 && "TENANT_NOT_FOUND".equals(code(reply))) {
                    expected("404 TENANT_NOT_FOUND (a host no one owns)");
                } else if (reply != null) {
                    if (reply.status() == 200) {
                        leak("a host no one owns answered " + reply.body());
                    } else {
                        mismatch("a host no one owns: " + reply.status() + " " + reply.body());
                    }
                }
                return;
            }
            long epoch = owner.epoch();
            Reply reply = call(owner, "GET", host, "/api/tenant/info", null, null);
            if (expect(owner, "info by a moved host", reply, epoch, 200, null)) {
                checkInfo(owner, reply);
            }
        }

        // ---- operator changes of the owner

        private void setStatus(FuzzTenant t, boolean suspend) {
            if (t.raced) {
                info(t); // the racing operator's to suspend
                return;
            }
            long epoch = t.epoch();
            Reply reply = admin(
                    t, "PATCH", "/tenants/" + t.id, "{\"status\":\"" + (suspend ? "SUSPENDED" : "ACTIVE") + "\"}");
            if (adminOk("set status", reply, 200, t, epoch)) {
                t.suspended = suspend;
                info(t);
            }
        }

        private void configure(FuzzTenant t) {
            Long max = random.nextBoolean() ? Long.valueOf(t.docs.size() + random.nextInt(4)) : Long.valueOf(1000);
            String displayName = "Brand " + t.marker + " " + next();
            long before = t.epoch();
            Reply reply = admin(
                    t,
                    "PATCH",
                    "/tenants/" + t.id,
                    "{\"config\":{\"branding\":{\"displayName\":\"" + displayName
                            + "\",\"primaryColor\":\"#" + String.format("%06x", random.nextInt(0x1000000))
                            + "\"},\"limits\":{\"maxDocuments\":"
                            + max + "}}}");
            if (adminOk("configure", reply, 200, t, before)) {
                t.maxDocuments = max;
                long epoch = t.epoch();
                Reply page = call(t, "GET", t.host, "/", null, null);
                if (expect(t, "landing page after re-branding", page, epoch, 200, null)
                        && !page.body().contains(displayName)) {
                    mismatch("landing page of " + t.id + " without its new branding " + displayName);
                }
            }
        }

        private void hosts(FuzzTenant t) {
            List<String> hosts = new ArrayList<>(spares.keySet());
            String host = hosts.get(random.nextInt(hosts.size()));
            FuzzTenant owner = spares.get(host);
            long epoch = t.epoch();
            long ownerEpoch = owner == null ? 0 : owner.epoch();
            if (owner == null) { // add
                if (adminOk("add host", admin(t, "PUT", "/tenants/" + t.id + "/hosts/" + host, null), 204, t, epoch)) {
                    spares.put(host, t);
                    t.spareHosts.add(host);
                }
            } else if (owner == t || random.nextBoolean()) { // remove
                if (adminOk(
                        "remove host",
                        admin(owner, "DELETE", "/tenants/" + owner.id + "/hosts/" + host, null),
                        204,
                        owner,
                        ownerEpoch)) {
                    spares.put(host, null);
                    owner.spareHosts.remove(host);
                }
            } else { // move: remove from its owner, add to this one
                if (adminOk(
                        "move host (remove)",
                        admin(owner, "DELETE", "/tenants/" + owner.id + "/hosts/" + host, null),
                        204,
                        owner,
                        ownerEpoch)) {
                    spares.put(host, null);
                    owner.spareHosts.remove(host);
                    if (adminOk(
                            "move host (add)",
                            admin(t, "PUT", "/tenants/" + t.id + "/hosts/" + host, null),
                            204,
                            t,
                            epoch)) {
                        spares.put(host, t);
                        t.spareHosts.add(host);
                    }
                }
            }
            viaSpareHost();
        }

        private void clearCache(FuzzTenant t) {
            long epoch = t.epoch();
            if (adminOk("clear cache", admin(t, "DELETE", "/tenants/" + t.id + "/cache", null), 204, t, epoch)) {
                t.cached.clear();
                cacheGet(t);
            }
        }

        private void delete(FuzzTenant t) {
            if (t.raced || t.moving && !settings.overlap()) {
                info(t);
                return;
            }
            long before = t.epoch();
            if (adminOk("delete tenant", admin(t, "DELETE", "/tenants/" + t.id, null), 204, t, before)) {
                t.exists = false;
                for (String host : t.spareHosts) {
                    spares.put(host, null);
                }
                String oldCookie = t.cookie;
                t.reset();
                t.exists = false;
                long epoch = t.epoch();
                expect(
                        t,
                        "documents of a deleted tenant",
                        call(t, "GET", t.host, "/api/documents", null, null),
                        epoch,
                        404,
                        "TENANT_NOT_FOUND");
                if (random.nextBoolean()) {
                    recreate(t);
                    if (oldCookie != null) {
                        // Same id, a new tenant: the old incarnation's session is no session of it.
                        Reply reply = call(t, "GET", t.host, "/api/me", null, null, "Cookie", oldCookie);
                        if (reply != null && reply.status() == 200) {
                            error(
                                    "stale session",
                                    "a session of the deleted " + t.id + " still works after re-creation");
                        } else {
                            expect(t, "me with a deleted incarnation's session", reply, t.epoch(), 401, "UNAUTHORIZED");
                        }
                    }
                }
            }
        }

        private void recreate(FuzzTenant t) {
            if (adminOk("re-create tenant", admin(t, "POST", "/tenants", t.registration()), 201)) {
                t.exists = true;
                if (t.withUser && loginBudget.getAndDecrement() > 0) {
                    // The mover may have begun moving the new tenant already: 409 while it moves.
                    long epoch = t.epoch();
                    if (adminOk(
                            "create user",
                            admin(t, "POST", "/tenants/" + t.id + "/users", userJson(t)),
                            201,
                            t,
                            epoch)) {
                        t.userExists = true;
                    }
                }
                listDocs(t);
                cacheGet(t);
            }
        }
    }

    /**
     * After the run (the workers, the racing operator and the mover stopped, every move over): each
     * tenant's rows, counted by SQL in every placement, are in the placement its entry names and
     * nowhere else, as many as its model acknowledged; its documents and comments read back as the
     * model last wrote them. Not counted as operations; what differs is an error.
     */
    void verifyPlacements() {
        for (FuzzTenant t : tenants) {
            try {
                verifyPlacement(t);
            } catch (RuntimeException | AssertionError e) {
                error("harness", "verifying " + t.id + ": " + e);
            }
        }
    }

    private void verifyPlacement(FuzzTenant t) {
        Reply probe = client.get("localhost", "/api/test/placements/" + t.id + "/rows");
        scan(t, "rows of " + t.id, probe);
        JsonObject rows = probe.assertJson(200);
        String placement = null;
        if (t.exists) {
            Reply entry = client.admin("GET", "/tenants/" + t.id, null);
            scan(t, "GET /api/admin/tenants/" + t.id, entry);
            JsonObject tenant = entry.assertJson(200);
            placement = tenant.getString("placement");
            String status = tenant.getString("status");
            if (!placement.equals(t.placement) || !status.equals(t.suspended ? "SUSPENDED" : "ACTIVE")) {
                mismatch(t.id + " is " + status + " in " + placement + ", model "
                        + (t.suspended ? "SUSPENDED" : "ACTIVE") + " in " + t.placement);
            }
        }
        long comments =
                t.docs.values().stream().mapToLong(d -> d.comments.size()).sum();
        Map<String, Long> wanted = Map.of("document", (long) t.docs.size(), "document_comment", comments);
        for (String where : rows.keySet()) {
            JsonObject tables = rows.getJsonObject(where);
            for (String table : tables.keySet()) {
                long count = tables.getJsonNumber(table).longValue();
                long model = !where.equals(placement)
                        ? 0
                        : table.equals("tenant_user") ? (t.userExists ? 1 : 0) : wanted.getOrDefault(table, count);
                if (count != model) {
                    error(
                            "lost or misplaced rows",
                            t.id + (t.exists ? " (in " + placement + ")" : " (deleted)") + " has " + count + " rows in "
                                    + where + "." + table + ", model " + model + ": " + rows);
                }
            }
        }
        if (!t.exists || t.suspended) {
            return;
        }
        JsonObject page = tenantRead(t, "/api/documents?limit=50");
        if (page == null) {
            return;
        }
        Map<String, JsonObject> read = new LinkedHashMap<>();
        page.getJsonArray("items").forEach(d -> read.put(d.asJsonObject().getString("id"), d.asJsonObject()));
        if (!read.keySet().equals(t.docs.keySet())) {
            error("lost or misplaced rows", t.id + " reads documents " + read.keySet() + ", model " + t.docs.keySet());
        }
        t.docs.forEach((id, doc) -> {
            JsonObject got = read.get(id);
            if (got != null
                    && (!doc.title.equals(got.getString("title")) || !doc.content.equals(got.getString("content")))) {
                error(
                        "lost or misplaced rows",
                        "document " + id + " of " + t.id + " reads " + got + ", model " + doc.title + " / "
                                + doc.content);
            }
            if (!doc.comments.isEmpty()) {
                JsonObject list = tenantRead(t, "/api/documents/" + id + "/comments?limit=50");
                Set<String> seen = new HashSet<>();
                if (list != null) {
                    list.getJsonArray("items")
                            .forEach(c -> seen.add(c.asJsonObject().getString("id")));
                    if (!seen.equals(new HashSet<>(doc.comments))) {
                        error(
                                "lost or misplaced rows",
                                "comments of " + id + " of " + t.id + ": " + seen + ", model " + doc.comments);
                    }
                }
            }
        });
    }

    /** A read of the tenant's own after the run, waiting out its rate limit. */
    private JsonObject tenantRead(FuzzTenant t, String path) {
        for (int tries = 0; ; tries++) {
            Reply reply = client.send("GET", t.host, path, null, null);
            scan(t, "GET " + path + " on " + t.host, reply);
            if (reply.status() == 429 && t.rateLimited && tries < 100) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                continue;
            }
            if (reply.status() != 200) {
                error(
                        "lost or misplaced rows",
                        "GET " + path + " of " + t.id + " after the run: " + reply.status() + " "
                                + abbreviate(reply.body()));
                return null;
            }
            return json(reply);
        }
    }

    private Map<String, Long> byPlacement() {
        Map<String, Long> counts = new TreeMap<>();
        tenants.stream().filter(t -> t.exists).forEach(t -> counts.merge(t.placement, 1L, Long::sum));
        return counts;
    }

    // ---------------------------------------------------------------- the mover

    /**
     * Moves random tenants to another placement, one after another, each as soon as the last one
     * has thawed its tenant (its source rows are still being removed then): writes of a moving
     * tenant are refused with 503 {@code TENANT_READ_ONLY}, its owner's status changes and
     * deletion with 409, and every move must end {@code DONE}.
     */
    private void move(long limit) {
        Random random = new Random(settings.seed() * 6_007L + 29);
        while (more(limit)) {
            FuzzTenant t = tenants.get(random.nextInt(tenants.size()));
            cleaning.entrySet().removeIf(e -> {
                boolean over = awaitMove(e.getKey(), e.getValue(), End.IF_OVER) != null;
                if (over) {
                    e.getKey().moveEpoch.incrementAndGet(); // even: the move let go of the tenant
                }
                return over;
            });
            if (t.moving && !settings.overlap()) {
                continue;
            }
            List<String> others = new ArrayList<>(PLACEMENTS);
            others.remove(t.placement);
            String target = others.get(random.nextInt(others.size()));
            t.moving = true;
            t.moveEpoch.incrementAndGet(); // odd: a move may be under way
            try {
                Reply started =
                        admin(t, "PUT", "/tenants/" + t.id + "/placement", "{\"placement\":\"" + target + "\"}");
                if (started == null) {
                    continue;
                }
                if (started.status() == 202) {
                    movesStarted.increment();
                    String location = started.header("Location");
                    String path = location == null
                            ? null
                            : java.net.URI.create(location).getPath().substring("/api/admin".length());
                    if (path == null) {
                        mismatch("a move of " + t.id + " without a Location: " + started.headers());
                        continue;
                    }
                    JsonObject state = awaitMove(t, path, End.THAWED);
                    if (state != null && !"FAILED".equals(state.getString("state"))) {
                        t.placement = target; // switched: thawed in the target
                        if (!state.getBoolean("done")) {
                            cleaning.put(t, path);
                        }
                    }
                } else if (started.status() == 404 && "NOT_FOUND".equals(code(started))) {
                    expected("404 NOT_FOUND (a move of a deleted tenant)");
                } else if (started.status() == 409 && "CONFLICT".equals(code(started))) {
                    expected("409 CONFLICT (a move meeting an operator's change of the tenant)");
                } else if (started.status() >= 500) {
                    error(
                            "5xx",
                            "move of " + t.id + " to " + target + ": " + started.status() + " "
                                    + abbreviate(started.body()));
                } else {
                    mismatch("move of " + t.id + " from " + t.placement + " to " + target + ": " + started.status()
                            + " " + abbreviate(started.body()));
                }
            } catch (RuntimeException | AssertionError e) {
                error("harness", "mover: " + e);
            } finally {
                // odd until the move lets go of the tenant, after its clean-up: until then it
                // refuses an owner's status change or deletion with 409
                if (!cleaning.containsKey(t)) {
                    t.moveEpoch.incrementAndGet();
                }
                t.moving = cleaning.containsKey(t);
            }
        }
        cleaning.forEach((t, path) -> {
            awaitMove(t, path, End.OVER);
            t.moveEpoch.incrementAndGet();
        });
        cleaning.clear();
    }

    private enum End {
        THAWED,
        OVER,
        /** Read once: the move if it is over, else null. */
        IF_OVER
    }

    /**
     * Polls a move (not counted as operations) until it has thawed its tenant or is over, as
     * {@code end} says; counts it when it ends, and its tenant is free for the next. Null when it
     * could not be read.
     */
    private JsonObject awaitMove(FuzzTenant t, String path, End end) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            Reply reply;
            try {
                reply = client.admin("GET", path, null);
            } catch (AssertionError e) {
                error("I/O", "GET /api/admin" + path + ": " + e.getMessage());
                return null;
            }
            scan(t, "GET /api/admin" + path, reply);
            if (reply.status() != 200) {
                mismatch("move " + path + ": " + reply.status() + " " + abbreviate(reply.body()));
                return null;
            }
            JsonObject move = json(reply);
            if (move == null) {
                return null;
            }
            String state = move.getString("state");
            if (move.getBoolean("done")) {
                t.moving = false;
                if ("DONE".equals(state)) {
                    movesDone.increment();
                } else {
                    movesFailed.increment();
                    error("move failed", path + " of " + t.id + " ended " + state + ": " + move);
                }
                return move;
            }
            if (end == End.IF_OVER || end == End.THAWED && "CLEANING".equals(state)) {
                return end == End.IF_OVER ? null : move;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        error("move stuck", path + " of " + t.id + " not over after 120 s");
        return null;
    }

    // ---------------------------------------------------------------- the racing operator

    private void race(long limit) {
        if (raced.isEmpty()) {
            return;
        }
        Random random = new Random(settings.seed() * 7_919L + 17);
        int counter = 0;
        while (more(limit)) {
            FuzzTenant t = raced.get(random.nextInt(raced.size()));
            try {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        t.raceEpoch.incrementAndGet(); // odd: a change is under way
                        try {
                            adminOk(
                                    "racer suspend",
                                    admin(t, "PATCH", "/tenants/" + t.id, "{\"status\":\"SUSPENDED\"}"),
                                    200,
                                    true);
                            Thread.sleep(random.nextInt(20));
                            // Active again before the epoch says so, even if an owner's change collides
                            // (409), or a move of the tenant refuses status changes until it ends.
                            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                            while (!adminOk(
                                            "racer reactivate",
                                            admin(t, "PATCH", "/tenants/" + t.id, "{\"status\":\"ACTIVE\"}"),
                                            200,
                                            true)
                                    && System.nanoTime() < until) {
                                Thread.sleep(25);
                            }
                        } finally {
                            t.raceEpoch.incrementAndGet();
                        }
                    }
                    case 1 ->
                        adminOk(
                                "racer rename",
                                admin(
                                        t,
                                        "PATCH",
                                        "/tenants/" + t.id,
                                        "{\"name\":\"Tenant " + t.marker + " r" + (++counter) + "\"}"),
                                200,
                                true);
                    case 2 ->
                        adminOk(
                                "racer clear cache",
                                admin(t, "DELETE", "/tenants/" + t.id + "/cache", null),
                                204,
                                true);
                    default -> {
                        String host = "fz" + run + "-r" + random.nextInt(1000) + ".test";
                        if (adminOk(
                                "racer add host",
                                admin(t, "PUT", "/tenants/" + t.id + "/hosts/" + host, null),
                                204,
                                true)) {
                            Reply reply = call(t, "GET", host, "/api/tenant/info", null, null);
                            if (reply != null
                                    && reply.status() == 200
                                    && !t.id.equals(json(reply).getString("tenant_id"))) {
                                leak("racer host of " + t.id + " answered " + reply.body());
                            } else if (reply != null
                                    && reply.status() != 200
                                    && !(t.rateLimited && reply.status() == 429)) {
                                mismatch("a host just added to " + t.id + ": " + reply.status() + " " + reply.body());
                            }
                            if (adminOk(
                                    "racer remove host",
                                    admin(t, "DELETE", "/tenants/" + t.id + "/hosts/" + host, null),
                                    204,
                                    true)) {
                                reply = call(null, "GET", host, "/api/tenant/info", null, null);
                                if (reply != null
                                        && !(reply.status() == 404 && "TENANT_NOT_FOUND".equals(code(reply)))) {
                                    mismatch("a host just removed from " + t.id + ": " + reply.status() + " "
                                            + reply.body());
                                }
                            } // else the host stays with the raced tenant; owners allow for racer hosts
                        }
                    }
                }
                Thread.sleep(2 + random.nextInt(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | AssertionError e) {
                error("harness", e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- checking

    /** One HTTP call to a host of {@code tenant} (or of no tenant), counted and scanned for leaks. */
    private Reply call(
            FuzzTenant tenant,
            String method,
            String host,
            String path,
            String contentType,
            String body,
            String... headers) {
        operations.incrementAndGet();
        Reply reply;
        try {
            reply = client.send(method, host, path, contentType, body, headers);
        } catch (AssertionError e) {
            error("I/O", method + " " + path + " on " + host + ": " + e.getMessage());
            return null;
        }
        scan(tenant, method + " " + path + " on " + host, reply);
        return reply;
    }

    private Reply admin(FuzzTenant tenant, String method, String path, String json) {
        operations.incrementAndGet();
        try {
            Reply reply = client.admin(method, path, json);
            scan(tenant, method + " /api/admin" + path, reply);
            return reply;
        } catch (AssertionError e) {
            error("I/O", method + " /api/admin" + path + ": " + e.getMessage());
            return null;
        }
    }

    /** Any other tenant's id or marker anywhere in the answer, headers included, is a leak. */
    private void scan(FuzzTenant tenant, String call, Reply reply) {
        String text = reply.headers() + "\n" + reply.body();
        for (Pattern pattern : List.of(foreignIds, foreignMarkers)) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                if (tenant == null || Integer.parseInt(matcher.group(1)) != tenant.index) {
                    leak(call + " for " + (tenant == null ? "no tenant" : tenant.id) + " shows " + matcher.group()
                            + ": " + abbreviate(reply.body()));
                    return;
                }
            }
        }
    }

    /**
     * Whether the answer is the one wanted, after allowing for the tenant's state: a deleted tenant
     * is 404 {@code TENANT_NOT_FOUND}, a suspended one 403 {@code TENANT_INACTIVE}, a rate-limited
     * one may get 429, a raced one may meet the racing operator's suspension.
     */
    private boolean expect(FuzzTenant t, String op, Reply reply, long epochBefore, int status, String code) {
        if (reply == null) {
            return false;
        }
        String actual = code(reply);
        if (reply.status() == 503 && "TENANT_READ_ONLY".equals(actual) && t.maybeMovedSince(epochBefore)) {
            // Refused: the model takes it as not written, and any later read or the final check
            // finds the row if it was written after all.
            readOnlyRefusals.increment();
            if (reply.header("Retry-After") == null) {
                mismatch(op + " on " + t.id + ": 503 TENANT_READ_ONLY without Retry-After");
            }
            expected("503 TENANT_READ_ONLY (a write during the tenant's move; not acknowledged)");
            return false;
        }
        if (reply.status() >= 500) {
            error("5xx", op + " on " + t.id + ": " + reply.status() + " " + abbreviate(reply.body()));
            return false;
        }
        if (t.rateLimited && reply.status() == 429 && "RATE_LIMITED".equals(actual)) {
            expected("429 RATE_LIMITED (tenant over its requestsPerSecond)");
            return false;
        }
        if (!t.exists) {
            return expectedState(op, reply, 404, "TENANT_NOT_FOUND", "(deleted tenant)");
        }
        if (t.suspended) {
            // a suspended tenant stays suspended while it moves: never served
            return expectedState(op, reply, 403, "TENANT_INACTIVE", "(suspended tenant)");
        }
        if (t.raced && reply.status() == 403 && "TENANT_INACTIVE".equals(actual) && t.racedSince(epochBefore)) {
            expected("403 TENANT_INACTIVE (racing operator's suspension)");
            return false;
        }
        if (reply.status() == status && (code == null || code.equals(actual))) {
            if (code != null) {
                expected(status + " " + code + " (" + op + ")");
            }
            return code == null;
        }
        mismatch(op + " on " + t.id + ": wanted " + status + (code == null ? "" : " " + code) + ", got "
                + reply.status() + " " + abbreviate(reply.body()));
        return false;
    }

    private boolean expectedState(String op, Reply reply, int status, String code, String why) {
        if (reply.status() == status && code.equals(code(reply))) {
            expected(status + " " + code + " " + why);
        } else {
            mismatch(op + " " + why + ": wanted " + status + " " + code + ", got " + reply.status() + " "
                    + abbreviate(reply.body()));
        }
        return false;
    }

    private boolean adminOk(String op, Reply reply, int status) {
        return adminOk(op, reply, status, false);
    }

    /**
     * An owner's change of {@code t}: besides the racing operator's (raced tenants), a move begun
     * or ended since {@code epochBefore} may refuse it with 409 (a status change or a deletion
     * while it moves, or the tenant's entry changed by the move at the same time).
     */
    private boolean adminOk(String op, Reply reply, int status, FuzzTenant t, long epochBefore) {
        if (reply != null
                && reply.status() == 409
                && "CONFLICT".equals(code(reply))
                && !t.raced
                && t.maybeMovedSince(epochBefore)) {
            expected("409 CONFLICT (an owner's change during the tenant's move)");
            return false;
        }
        return adminOk(op, reply, status, t.raced);
    }

    /** @param raced whether the racing operator may be changing the same tenant at the same time */
    private boolean adminOk(String op, Reply reply, int status, boolean raced) {
        if (reply == null) {
            return false;
        }
        if (reply.status() == status) {
            return true;
        }
        if (raced && reply.status() == 409 && "CONFLICT".equals(code(reply))) {
            expected("409 CONFLICT (two operators changed one raced tenant at once)");
            return false;
        }
        if (reply.status() >= 500) {
            error("5xx", "admin " + op + ": " + reply.status() + " " + abbreviate(reply.body()));
        } else {
            mismatch("admin " + op + ": wanted " + status + ", got " + reply.status() + " " + abbreviate(reply.body()));
        }
        return false;
    }

    private void leak(String detail) {
        leaks.increment();
        if (leaks.sum() <= 100) {
            details.add("LEAK " + detail);
        }
    }

    private void mismatch(String detail) {
        error("unexpected answer", detail);
    }

    private void error(String kind, String detail) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (details.size() < 100) {
            details.add(kind + ": " + detail);
        }
    }

    private void expected(String kind) {
        expected.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static String code(Reply reply) {
        if (!reply.contentType().equals("application/problem+json")) {
            return null;
        }
        try {
            return Json.createReader(new StringReader(reply.body()))
                    .readObject()
                    .getString("code", null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private JsonObject json(Reply reply) {
        try {
            return Json.createReader(new StringReader(reply.body())).readObject();
        } catch (RuntimeException e) {
            mismatch("not JSON: " + abbreviate(reply.body()));
            return null;
        }
    }

    private static String sessionCookie(Reply reply) {
        String setCookie = reply.header("Set-Cookie");
        if (setCookie == null) {
            return null;
        }
        for (String part : setCookie.split("[,;]")) {
            String trimmed = part.strip();
            if (trimmed.toUpperCase().startsWith("JSESSIONID=")) {
                return trimmed;
            }
        }
        return null;
    }

    private static String body(String... fields) {
        var json = Json.createObjectBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            json.add(fields[i], fields[i + 1]);
        }
        return json.build().toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
