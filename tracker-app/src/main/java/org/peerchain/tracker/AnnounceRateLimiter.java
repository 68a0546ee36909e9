package org.peerchain.tracker;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per address: {@code ratePerSecond} requests on average, bursts up to {@code burst}. */
final class AnnounceRateLimiter {
    /** Buckets idle this long are full again and can be forgotten. */
    private static final long IDLE_FORGET_NANOS = 60_000_000_000L;
    /** Above this many remembered addresses, idle buckets are pruned. */
    private static final int PRUNE_ABOVE = 10_000;

    private final double ratePerNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    AnnounceRateLimiter(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    /** Takes a token for {@code address}; false if its bucket is empty. */
    boolean tryAcquire(String address, long nowNanos) {
        if (buckets.size() > PRUNE_ABOVE) {
            prune(nowNanos);
        }
        Bucket b = buckets.computeIfAbsent(address, k -> new Bucket(burst, nowNanos));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nowNanos - b.last) * ratePerNano);
            b.last = nowNanos;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    private void prune(long nowNanos) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            synchronized (b) {
                if (nowNanos - b.last > IDLE_FORGET_NANOS) {
                    it.remove();
                }
            }
        }
    }
}
