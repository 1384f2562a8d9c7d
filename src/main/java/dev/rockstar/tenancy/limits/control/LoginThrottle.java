package dev.rockstar.tenancy.limits.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing without handing anyone a way to lock a user out: OWASP's "device
 * cookie" design. A client that once logged in to an account holds a signed device cookie for it
 * (its id is {@code device} here, checked by the caller); every other client is untrusted.
 * <ul>
 * <li>untrusted clients are counted, within {@code tenancy.login.window-seconds} (60), per
 *     account and address ({@code tenancy.login.max-failures-per-account}, 10), per address
 *     whatever it tries, and per account from all untrusted clients together (both
 *     {@code tenancy.login.max-failures-per-address}, 100);</li>
 * <li>a device cookie has its own count (the per-account bound) and is never refused for
 *     anyone else's failures: the account locked for every untrusted client, the holder still
 *     logs in.</li>
 * </ul>
 * A lock refuses with 429 {@code TOO_MANY_ATTEMPTS} for one window, doubling with each lockout
 * up to 15 minutes. Counting starts before the password is checked ({@link #begin}): an attempt
 * in flight counts against each bound, so concurrent guesses cannot overshoot it, and a second
 * attempt of one client at one account while the first is still being hashed is refused at once.
 * A success forgets that client's failures only; the account's count from all untrusted clients
 * stays (a scrape every 15 s would otherwise wipe it).
 * <pre>
 * try (LoginThrottle.Attempt attempt = throttle.begin(tenantId, username, address, device)) { // 429
 *     if (ok) attempt.succeeded(); else attempt.failed();
 * }
 * </pre>
 * <b>Memory</b> is bounded in bytes ({@code tenancy.login.memory-bytes}): keys are kept as 16-byte
 * digests, so a record costs the same whatever the username, and records live in shares. The
 * operator's own account ({@link #OPERATOR}) has a share nobody else can touch; addresses have
 * one; all tenants (and wrong operator names) share the rest, and when it is full the largest of
 * them gives up its least recently used record: junk sent to one tenant evicts that tenant's
 * records, never a smaller one's. Within a share, records of one client at one account go first;
 * an account's own count and its device cookies' counts, with their lockouts, last.
 */
@ApplicationScoped
public class LoginThrottle {

    /** The share of the operator's account (its configured name): nobody else's records evict it. */
    public static final String OPERATOR = "\0operator";

    static final long MAX_LOCK_MILLIS = TimeUnit.MINUTES.toMillis(15);
    /** What one record costs on the heap, generously: digest key, counts, a linked map's entry and slot. */
    static final int RECORD_BYTES = 160;
    /** What a share costs besides its records. */
    static final int SHARE_BYTES = 512;

    @Inject
    @ConfigProperty(name = "tenancy.login.max-failures-per-account", defaultValue = "10")
    int maxPerAccount;

    @Inject
    @ConfigProperty(name = "tenancy.login.max-failures-per-address", defaultValue = "100")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "tenancy.login.window-seconds", defaultValue = "60")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "tenancy.login.memory-bytes", defaultValue = "16777216")
    long memoryBytes;

    LongSupplier clock = System::currentTimeMillis;

    private long windowMillis;
    private int operatorCapacity;
    private int addressCapacity;
    private long sharedBytes;

    private Share operator;
    private Share addresses;
    private final Map<String, Share> shares = new HashMap<>();
    private long sharedRecords;

    /** What became of a failed attempt, for the caller's audit and alerts. */
    public enum Outcome {
        /** counted, nothing new locked */
        COUNTED,
        /** this failure locked the account for every client without a device cookie of it */
        ACCOUNT_LOCKED,
        /** this failure locked only its own client at the account (or its device cookie), or the address */
        CLIENT_LOCKED
    }

    @PostConstruct
    void init() {
        windowMillis = TimeUnit.SECONDS.toMillis(windowSeconds);
        long records = Math.max(64, memoryBytes / RECORD_BYTES);
        operatorCapacity = (int) Math.max(16, records / 8);
        addressCapacity = (int) Math.max(16, records / 4);
        sharedBytes = memoryBytes - (operatorCapacity + addressCapacity) * (long) RECORD_BYTES - 2L * SHARE_BYTES;
        operator = new Share();
        addresses = new Share();
    }

    /**
     * Starts a login attempt, before the password is checked.
     *
     * @param owner   the tenant's id, or {@link #OPERATOR} for the operator's configured name (any
     *                other name tried at the operator's doors has a share as a tenant has)
     * @param account the username within the owner
     * @param address the client's address ({@code ClientAddresses})
     * @param device  the id of a valid device cookie of this account that the client presented, else null
     * @throws TooManyAttemptsException while this client may not try this account: locked, at a
     *         bound with attempts in flight, or with an attempt of its own still in flight
     */
    public synchronized Attempt begin(String owner, String account, String address, String device) {
        long now = clock.getAsLong();
        Share known = owner.equals(OPERATOR) ? operator : shares.get(owner); // made only for an attempt admitted
        Key pair = device == null ? key("pair", account, address) : null;
        Key whole = device == null ? key("account", account) : null;
        Key from = device == null ? key("address", address) : null;
        Key own = device == null ? null : key("device", account, device);
        Failures ownRecord = known == null ? null : known.find(own != null ? own : pair);
        Failures wholeRecord = known == null ? null : known.find(whole);
        Failures fromRecord = addresses.find(from);
        long until = 0;
        for (Failures f : new Failures[] {ownRecord, wholeRecord, fromRecord}) {
            if (f != null) {
                f.roll(now, windowMillis);
                until = Math.max(until, f.lockedUntil);
            }
        }
        if (until > now) {
            throw new TooManyAttemptsException(Math.max(1, TimeUnit.MILLISECONDS.toSeconds(until - now + 999)));
        }
        if (ownRecord != null && ownRecord.pending > 0 || atBound(wholeRecord) || atBound(fromRecord)) {
            throw new TooManyAttemptsException(1); // decided by attempts still being checked
        }
        Share share = share(owner);
        Attempt attempt = device == null
                ? new Attempt(share, pair, obtain(share, pair), obtain(share, whole), obtain(addresses, from))
                : new Attempt(share, own, obtain(share, own), null, null);
        return attempt;
    }

    private boolean atBound(Failures f) {
        return f != null && f.count + f.pending >= maxPerAddress;
    }

    /**
     * A right password at a door where no lock may stand in the operator's way (HTTP Basic, which
     * has no cookies): forgets this client's failures at the account, as a success would.
     */
    public synchronized void succeededUnchecked(String owner, String account, String address) {
        Share share = owner.equals(OPERATOR) ? operator : shares.get(owner);
        if (share != null) {
            forget(share, key("pair", account, address));
        }
    }

    /** Bytes the records take now, by {@link #RECORD_BYTES} and {@link #SHARE_BYTES}: never above {@code tenancy.login.memory-bytes}. */
    public synchronized long usedBytes() {
        return (operator.size() + addresses.size()) * (long) RECORD_BYTES + 2L * SHARE_BYTES + sharedUsed();
    }

    private long sharedUsed() {
        return sharedRecords * RECORD_BYTES + shares.size() * (long) SHARE_BYTES;
    }

    /** One login attempt between {@link #begin} and its outcome; closed without one, it counts nothing. */
    public final class Attempt implements AutoCloseable {

        private final Share share;
        private final Key ownKey;
        private final Failures own;
        private final Failures account;
        private final Failures address;
        private boolean ended;

        private Attempt(Share share, Key ownKey, Failures own, Failures account, Failures address) {
            this.share = share;
            this.ownKey = ownKey;
            this.own = own;
            this.account = account;
            this.address = address;
        }

        /** No longer in flight: {@link #obtain} held each record for it. */
        private void release() {
            for (Failures f : new Failures[] {own, account, address}) {
                if (f != null) {
                    f.pending--;
                }
            }
        }

        /** The password was right: this client's failures at the account are forgotten, nobody else's. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                if (end()) {
                    forget(share, ownKey);
                }
            }
        }

        /** The password was wrong: counted against this client (or its device cookie), the account and the address. */
        public Outcome failed() {
            synchronized (LoginThrottle.this) {
                if (!end()) {
                    return Outcome.COUNTED;
                }
                long now = clock.getAsLong();
                boolean ownLocked = count(own, maxPerAccount, now);
                if (account == null) {
                    return ownLocked ? Outcome.CLIENT_LOCKED : Outcome.COUNTED; // a device cookie: its own lock
                }
                boolean accountLocked = count(account, maxPerAddress, now);
                boolean addressLocked = count(address, maxPerAddress, now);
                return accountLocked
                        ? Outcome.ACCOUNT_LOCKED
                        : ownLocked || addressLocked ? Outcome.CLIENT_LOCKED : Outcome.COUNTED;
            }
        }

        private boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            release();
            return true;
        }

        @Override
        public void close() {
            synchronized (LoginThrottle.this) {
                end();
            }
        }
    }

    private boolean count(Failures f, int max, long now) {
        f.roll(now, windowMillis);
        if (++f.count < max) {
            return false;
        }
        long lock = Math.min(MAX_LOCK_MILLIS, windowMillis << Math.min(f.lockouts, 20));
        f.lockedUntil = now + lock;
        f.lockouts++;
        f.windowStart = now;
        f.count = 0;
        return true;
    }

    private Share share(String owner) {
        if (owner.equals(OPERATOR)) {
            return operator;
        }
        Share share = shares.get(owner);
        if (share == null) {
            while (sharedUsed() + SHARE_BYTES + RECORD_BYTES > sharedBytes && evictShared(null)) {
                // made room for the new share and its first record
            }
            share = new Share();
            shares.put(owner, share);
        }
        return share;
    }

    /**
     * The record of the key, made (within the share's room) when it is not there, and held for an
     * attempt in flight at once, so that making room for the attempt's next record cannot evict it.
     */
    private Failures obtain(Share share, Key key) {
        Failures f = share.find(key);
        if (f != null) {
            f.pending++;
            return f;
        }
        if (share == operator || share == addresses) {
            int capacity = share == operator ? operatorCapacity : addressCapacity;
            while (share.size() >= capacity && share.evictOne()) {
                // its own least recently used records, as nobody else's share is its to take
            }
        } else {
            while (sharedUsed() + RECORD_BYTES > sharedBytes && evictShared(share)) {
                // the largest share gives room
            }
            sharedRecords++;
        }
        f = new Failures();
        f.pending++;
        (key.major() ? share.major : share.minor).put(key, f);
        return f;
    }

    private void forget(Share share, Key key) {
        if (share.remove(key) && share != operator && share != addresses) {
            sharedRecords--;
            if (share.size() == 0) {
                shares.values().remove(share);
            }
        }
    }

    /**
     * One record less in the largest shared share (dropped when empty), never the share {@code filling}
     * while it is empty; false when nothing can go.
     */
    private boolean evictShared(Share filling) {
        Share largest = null;
        for (Share share : shares.values()) {
            if ((share != filling || share.size() > 0) && (largest == null || share.size() > largest.size())) {
                largest = share;
            }
        }
        if (largest == null) {
            return false;
        }
        if (largest.size() == 0) {
            shares.values().remove(largest);
            return true;
        }
        if (!largest.evictOne()) {
            return false;
        }
        sharedRecords--;
        if (largest.size() == 0) {
            shares.values().remove(largest);
        }
        return true;
    }

    private static Key key(String kind, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            byte[] d = sha.digest();
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | (d[i] & 0xff);
                lo = lo << 8 | (d[8 + i] & 0xff);
            }
            return new Key(hi, lo, !kind.equals("pair") && !kind.equals("address"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** A record's name, as a digest: the same size whatever the username or address. */
    private record Key(long hi, long lo, boolean major) {}

    /** Failed logins of one key in its current window, and the lock they earned. */
    private static final class Failures {
        long windowStart;
        int count;
        int pending;
        int lockouts;
        long lockedUntil;

        void roll(long now, long windowMillis) {
            if (now - windowStart >= windowMillis) {
                windowStart = now;
                count = 0;
            }
        }
    }

    /** One share's records: clients' records at an account (minor) are evicted before accounts' and devices' (major). */
    private static final class Share {
        final LinkedHashMap<Key, Failures> minor = new LinkedHashMap<>(16, 0.75f, true);
        final LinkedHashMap<Key, Failures> major = new LinkedHashMap<>(16, 0.75f, true);

        Failures find(Key key) {
            return key == null ? null : (key.major() ? major : minor).get(key);
        }

        boolean remove(Key key) {
            return (key.major() ? major : minor).remove(key) != null;
        }

        int size() {
            return minor.size() + major.size();
        }

        /** Forgets the least recently used record that no attempt in flight holds; false when there is none. */
        boolean evictOne() {
            return evictFrom(minor) || evictFrom(major);
        }

        private static boolean evictFrom(LinkedHashMap<Key, Failures> records) {
            Iterator<Failures> eldest = records.values().iterator();
            while (eldest.hasNext()) {
                if (eldest.next().pending == 0) {
                    eldest.remove();
                    return true;
                }
            }
            return false;
        }
    }
}
