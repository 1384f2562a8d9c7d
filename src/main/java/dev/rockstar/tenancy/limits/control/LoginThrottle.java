package dev.rockstar.tenancy.limits.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing. Within {@code tenancy.login.window-seconds} (60), failed logins are
 * counted three ways, each locking on its own bound:
 * <ul>
 * <li>one account from one address: {@code tenancy.login.max-failures-per-account} (10);</li>
 * <li>one address, whatever accounts it tries: {@code tenancy.login.max-failures-per-address} (100);</li>
 * <li>one account from all addresses together: that same higher bound (100), against guessing
 *     spread over many addresses.</li>
 * </ul>
 * A lock refuses further attempts with 429 {@code TOO_MANY_ATTEMPTS} for one window, doubling with
 * each lockout up to 15 minutes, without checking the password; a success clears its account's
 * counts. None of this spends the tenant's {@code requestsPerSecond}. Counting an account per
 * address first means one client cannot lock someone else (the operator, say) out with ten wrong
 * passwords; it takes a hundred, from addresses it controls.
 * <pre>
 * throttle.check(account, address);   // 429 while locked
 * if (ok) throttle.succeeded(account, address); else throttle.failed(account, address);
 * </pre>
 * Memory is bounded: at most {@value #MAX_TRACKED} accounts and addresses are remembered, the
 * least recently seen forgotten first.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int MAX_TRACKED = 10_000;
    static final long MAX_LOCK_MILLIS = TimeUnit.MINUTES.toMillis(15);

    @Inject
    @ConfigProperty(name = "tenancy.login.max-failures-per-account", defaultValue = "10")
    int maxPerAccount;

    @Inject
    @ConfigProperty(name = "tenancy.login.max-failures-per-address", defaultValue = "100")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "tenancy.login.window-seconds", defaultValue = "60")
    long windowSeconds;

    LongSupplier clock = System::currentTimeMillis;

    private long windowMillis;

    private final Map<String, Failures> failures = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** Failed logins of one key in its current window, and the lock they earned. */
    private static final class Failures {
        long windowStart;
        int count;
        int lockouts;
        long lockedUntil;
    }

    @PostConstruct
    void init() {
        windowMillis = TimeUnit.SECONDS.toMillis(windowSeconds);
    }

    /**
     * @param account the account asked for, e.g. tenant and username; never shared across tenants
     * @param address the client's address
     * @throws TooManyAttemptsException while the account or the address is locked
     */
    public synchronized void check(String account, String address) {
        long now = clock.getAsLong();
        long until = Math.max(lockedUntil(pair(account, address)),
                Math.max(lockedUntil("address:" + address), lockedUntil("account:" + account)));
        if (until > now) {
            throw new TooManyAttemptsException(Math.max(1, TimeUnit.MILLISECONDS.toSeconds(until - now + 999)));
        }
    }

    public synchronized void failed(String account, String address) {
        long now = clock.getAsLong();
        count(pair(account, address), maxPerAccount, now);
        count("address:" + address, maxPerAddress, now);
        count("account:" + account, maxPerAddress, now);
    }

    /** A success clears the account's records; its address keeps its own, which others share. */
    public synchronized void succeeded(String account, String address) {
        failures.remove(pair(account, address));
        failures.remove("account:" + account);
    }

    private static String pair(String account, String address) {
        return "pair:" + account + '\0' + address;
    }

    private long lockedUntil(String key) {
        Failures f = failures.get(key);
        return f == null ? 0 : f.lockedUntil;
    }

    private void count(String key, int max, long now) {
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        if (now - f.windowStart >= windowMillis) {
            f.windowStart = now;
            f.count = 0;
        }
        if (++f.count >= max) {
            long lock = Math.min(MAX_LOCK_MILLIS, windowMillis << Math.min(f.lockouts, 20));
            f.lockedUntil = now + lock;
            f.lockouts++;
            f.windowStart = now;
            f.count = 0;
        }
    }
}
