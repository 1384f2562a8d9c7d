package dev.rockstar.tenancy.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one tenant of the fuzz may see, as its owning worker thread knows it: only that thread
 * sends the tenant's data calls and its operator changes, so the model is exact for them; the
 * racing operator ({@link IsolationFuzz}) changes raced tenants behind the owner's back, and
 * {@link #raceEpoch} (odd while a change is under way) tells the owner when to allow for it.
 */
final class FuzzTenant {

    final int index;
    final String id;
    final String marker;
    final String host;
    /** Suspended and reactivated, re-branded and cache-cleared by the racing operator too. */
    final boolean raced;
    /** Has a {@code requestsPerSecond} limit, so 429 {@code RATE_LIMITED} is an intended answer. */
    final boolean rateLimited;
    /** Has a user to log in as (a password hash costs 600,000 PBKDF2 rounds: only a few do). */
    final boolean withUser;

    final AtomicInteger raceEpoch = new AtomicInteger();

    boolean exists = true;
    boolean suspended;
    int incarnation;
    int version;
    Long maxDocuments;
    boolean userExists;
    String cookie;
    final Set<String> spareHosts = new LinkedHashSet<>();
    final Map<String, Doc> docs = new LinkedHashMap<>();
    final Map<String, String> cached = new LinkedHashMap<>();

    FuzzTenant(int index, String run, boolean raced, boolean rateLimited, boolean withUser) {
        this.index = index;
        this.id = "fz" + run + "-" + index;
        this.marker = "FZ" + run.toUpperCase() + "T" + index + "Z";
        this.host = id + ".test";
        this.raced = raced;
        this.rateLimited = rateLimited;
        this.withUser = withUser;
    }

    String name() {
        return "Tenant " + marker;
    }

    String password() {
        return "pw-" + marker;
    }

    /** Deleted and registered again: nothing of the old incarnation may come back. */
    void reset() {
        incarnation++;
        suspended = false;
        maxDocuments = null;
        userExists = false;
        cookie = null;
        spareHosts.clear();
        docs.clear();
        cached.clear();
    }

    String registration() {
        StringBuilder json = new StringBuilder("{\"id\":\"")
                .append(id)
                .append("\",\"name\":\"")
                .append(name())
                .append("\",\"hosts\":[\"")
                .append(host)
                .append("\"]");
        if (rateLimited) {
            json.append(",\"config\":{\"limits\":{\"requestsPerSecond\":")
                    .append(IsolationFuzz.RATE_LIMIT)
                    .append("}}");
        }
        return json.append('}').toString();
    }

    static final class Doc {
        String title;
        String content;
        final List<String> comments = new ArrayList<>();

        Doc(String title, String content) {
            this.title = title;
            this.content = content;
        }
    }
}
