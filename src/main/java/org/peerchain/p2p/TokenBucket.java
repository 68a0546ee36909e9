package org.peerchain.p2p;

/**
 * A token bucket: holds up to {@code capacity} tokens, gains one every {@code refillNanos}, and each thing let through
 * takes one. What a peer may send at its own pace (announcements, addresses, hellos) is bounded this way: a burst up to
 * the capacity, then the refill rate. Not thread-safe: each bucket belongs to one reader thread or is guarded by its
 * owner.
 */
final class TokenBucket {
    private final double capacity;
    private final long refillNanos;
    private double tokens;
    private long last;

    TokenBucket(double capacity, long refillNanos, long now) {
        if (capacity < 1 || refillNanos <= 0) {
            throw new IllegalArgumentException("a bucket needs room for a token and a positive refill time");
        }
        this.capacity = capacity;
        this.refillNanos = refillNanos;
        this.tokens = capacity;
        this.last = now;
    }

    /** A bucket refilled at {@code perSecond} tokens a second. */
    static TokenBucket perSecond(double capacity, double perSecond, long now) {
        return new TokenBucket(capacity, Math.max(1, Math.round(1e9 / perSecond)), now);
    }

    /** Whether a token is there at {@code now}, without taking it. */
    boolean hasToken(long now) {
        refill(now);
        return tokens >= 1;
    }

    /** Whether {@code n} tokens are there at {@code now}, without taking them. */
    boolean hasTokens(int n, long now) {
        refill(now);
        return tokens >= Math.min(n, capacity);
    }

    /** Takes the token {@link #hasToken} saw. */
    void take() {
        tokens -= 1;
    }

    /** Takes a token if there is one at {@code now}: true when it was taken. */
    boolean tryTake(long now) {
        if (!hasToken(now)) {
            return false;
        }
        take();
        return true;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (double) (now - last) / refillNanos);
            last = now;
        }
    }
}
