package dev.rockstar.tenancy.limits.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(now::get);

    @Test
    void aSecondsWorthMayBeSpentAtOnceThenItRefills() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("a", 5);
        }
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> limiter.acquire("a", 5));
        assertEquals("1", refused.headers().get("Retry-After"));
        now.addAndGet(200_000_000L); // a fifth of a second: one token back
        assertDoesNotThrow(() -> limiter.acquire("a", 5));
        assertThrows(RateLimitedException.class, () -> limiter.acquire("a", 5));
    }

    @Test
    void eachOfTwoNodesAdmitsHalfTheRate() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("a", 10, 2);
        }
        assertThrows(RateLimitedException.class, () -> limiter.acquire("a", 10, 2));
        now.addAndGet(1_000_000_000L); // a second: five back, not ten
        for (int i = 0; i < 5; i++) {
            limiter.acquire("a", 10, 2);
        }
        assertThrows(RateLimitedException.class, () -> limiter.acquire("a", 10, 2));
    }

    @Test
    void aShareBelowOneRequestASecondStillAdmitsNowAndThen() {
        limiter.acquire("a", 1, 4);
        assertThrows(RateLimitedException.class, () -> limiter.acquire("a", 1, 4));
        now.addAndGet(3_000_000_000L);
        assertThrows(RateLimitedException.class, () -> limiter.acquire("a", 1, 4));
        now.addAndGet(1_000_000_000L); // four seconds: a quarter a second makes one
        assertDoesNotThrow(() -> limiter.acquire("a", 1, 4));
    }

    @Test
    void tenantsHaveBucketsOfTheirOwn() {
        limiter.acquire("a", 1);
        assertThrows(RateLimitedException.class, () -> limiter.acquire("a", 1));
        assertDoesNotThrow(() -> limiter.acquire("b", 1));
    }

    @Test
    void aChangedRateTakesEffectAtOnce() {
        limiter.acquire("a", 1);
        assertThrows(RateLimitedException.class, () -> limiter.acquire("a", 1));
        assertDoesNotThrow(() -> limiter.acquire("a", 10));
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        limiter.acquire("slow", 1);
        now.addAndGet(100_000_000L);
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> limiter.acquire("slow", 1));
        assertEquals("1", refused.headers().get("Retry-After"));
    }

    @Test
    void aRateOfZeroRefusesEverything() {
        assertThrows(RateLimitedException.class, () -> limiter.acquire("stopped", 0));
    }

    @Test
    void aDayIdleAtAMillionPerSecondStillAdmits() {
        limiter.acquire("big", 1_000_000);
        now.addAndGet(86_400L * 1_000_000_000L);
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire("big", 1_000_000);
        }
    }

    @Test
    void aBillionPerSecondAfterSecondsIdleStillAdmits() {
        // the overflow of the issue: 9.2 s idle at 1e9/s overflowed the long refill
        limiter.acquire("huge", 1_000_000_000L);
        for (long idle : new long[] {10_000_000_000L, 60_000_000_000L, Long.MAX_VALUE / 4}) {
            now.addAndGet(idle);
            for (int i = 0; i < 100; i++) {
                limiter.acquire("huge", 1_000_000_000L);
            }
        }
    }

    @Test
    void theLargestRateAdmitsAfterAnyIdle() {
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire("max", Long.MAX_VALUE);
        }
        now.addAndGet(Long.MAX_VALUE / 2);
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire("max", Long.MAX_VALUE);
        }
    }

    @Test
    void aClockThatStepsBackNeitherRefillsNorBreaksTheBucket() {
        limiter.acquire("a", 1);
        now.addAndGet(-5_000_000_000L);
        assertThrows(RateLimitedException.class, () -> limiter.acquire("a", 1));
        now.addAndGet(6_000_000_000L);
        assertDoesNotThrow(() -> limiter.acquire("a", 1));
    }
}
