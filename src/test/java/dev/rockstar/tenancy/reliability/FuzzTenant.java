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
 * {@link #raceEpoch} (odd while a change is under way) tells the owner when to allow for it. The
 * mover moves tenants between placements behind their owners' backs too, and {@link #moveEpoch}
 * (odd while a move of the tenant may be under way) tells the owner when a write may be refused
 * with 503 {@code TENANT_READ_ONLY} or an operator change with 409.
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
    final AtomicInteger moveEpoch = new AtomicInteger();

    /** Where its rows are: written by the mover once a move has switched, read by the owner to re-create it. */
    volatile String placement;
    /** From the mover's request until its move is over, its source rows removed after the thaw too. */
    volatile boolean moving;
    /** Where the mover is moving it, until its move is over; null when it is not moving. */
    volatile String movingTo;
    /**
     * Placements that may hold rows of it though its entry does not name them, out of every
     * client's sight: what a deletion or a failed move could not erase while the placement's
     * database was away ({@link PlacementOutage}).
     */
    final Set<String> mayHaveLeftRowsIn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Its owner's writes answered 503 {@code UNAVAILABLE}: stored whole or not at all, nobody
     * knows which until they are read back (a commit that lost its connection); settled by its
     * owner before its next call.
     */
    final List<Doubt> doubts = new ArrayList<>();

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

    FuzzTenant(int index, String run, boolean raced, boolean rateLimited, boolean withUser, String placement) {
        this.index = index;
        this.placement = placement;
        this.id = "fz" + run + "-" + index;
        this.marker = "FZ" + run.toUpperCase() + "T" + index + "Z";
        this.host = id + ".test";
        this.raced = raced;
        this.rateLimited = rateLimited;
        this.withUser = withUser;
    }

    /** Both epochs at once, taken before a call: {@link #racedSince} and {@link #maybeMovedSince} read it after. */
    long epoch() {
        return ((long) raceEpoch.get() << 32) | (moveEpoch.get() & 0xffffffffL);
    }

    /** Whether its requests may go to {@code where}: it is placed there, or being moved there. */
    boolean touches(String where) {
        return where.equals(placement) || where.equals(movingTo);
    }

    /** Whether the racing operator may have changed the tenant since {@code epoch} was taken. */
    boolean racedSince(long epoch) {
        int before = (int) (epoch >>> 32);
        return before % 2 != 0 || before != raceEpoch.get();
    }

    /** Whether a move of the tenant may have been under way since {@code epoch} was taken. */
    boolean maybeMovedSince(long epoch) {
        int before = (int) epoch;
        return before % 2 != 0 || before != moveEpoch.get();
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
        doubts.clear();
    }

    String registration() {
        StringBuilder json = new StringBuilder("{\"id\":\"")
                .append(id)
                .append("\",\"name\":\"")
                .append(name())
                .append("\",\"hosts\":[\"")
                .append(host)
                .append("\"],\"placement\":\"")
                .append(placement)
                .append('"');
        if (rateLimited) {
            json.append(",\"config\":{\"limits\":{\"requestsPerSecond\":")
                    .append(IsolationFuzz.RATE_LIMIT)
                    .append("}}");
        }
        return json.append('}').toString();
    }

    /** A write not acknowledged: what it would have changed, as its kind needs. */
    record Doubt(Kind kind, String doc, String title, String content, String comment) {
        enum Kind {
            REGISTER,
            CREATE_USER,
            CREATE_DOC,
            UPDATE_DOC,
            DELETE_DOC,
            ADD_COMMENT,
            DELETE_COMMENT
        }

        static Doubt of(Kind kind) {
            return new Doubt(kind, null, null, null, null);
        }
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
