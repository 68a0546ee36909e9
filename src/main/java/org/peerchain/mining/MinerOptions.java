package org.peerchain.mining;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How a {@link Miner} runs. Start from {@link #defaults(BigInteger)} and change what differs.
 *
 * @param threads mining threads, 1 to the number of cores
 * @param nonceLimit the highest nonce tried before rolling the time or asking for a new extra nonce
 *        (below 2^32 - 1 only in tests)
 * @param clockSeconds the wall clock in seconds since 1970, for rolling the header time forward
 * @param maxTarget the target of difficulty 1 (the network's proof-of-work limit)
 * @param statsInterval how often stats are published
 * @param rateWindow the sliding window of the hash rate
 * @param hashers makes one header hasher per mining thread
 */
public record MinerOptions(
        int threads,
        long nonceLimit,
        LongSupplier clockSeconds,
        BigInteger maxTarget,
        Duration statsInterval,
        Duration rateWindow,
        Supplier<HeaderHasher> hashers) {
    public static final long MAX_NONCE = 0xFFFF_FFFFL;
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(1);

    public MinerOptions {
        Objects.requireNonNull(clockSeconds, "clockSeconds");
        Objects.requireNonNull(maxTarget, "maxTarget");
        Objects.requireNonNull(statsInterval, "statsInterval");
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(hashers, "hashers");
        Miner.checkThreads(threads);
        if (nonceLimit < threads - 1 || nonceLimit > MAX_NONCE) {
            throw new IllegalArgumentException("the nonce limit must be between " + (threads - 1)
                    + " and " + MAX_NONCE + ", got " + nonceLimit);
        }
        if (maxTarget.signum() <= 0 || maxTarget.compareTo(TargetWords.TWO_256) >= 0) {
            throw new IllegalArgumentException("the maximum target must be between 1 and 2^256 - 1, got " + maxTarget);
        }
        if (statsInterval.toMillis() < 1 || rateWindow.compareTo(statsInterval) < 0) {
            throw new IllegalArgumentException("the stats interval must be at least 1 ms and at most the rate window, got "
                    + statsInterval + " and " + rateWindow);
        }
    }

    /** One thread, the full nonce space, the system clock, stats every second over 10 seconds, the fastest hasher. */
    public static MinerOptions defaults(BigInteger maxTarget) {
        return new MinerOptions(1, MAX_NONCE, () -> System.currentTimeMillis() / 1000, maxTarget,
                DEFAULT_STATS_INTERVAL, HashRateMeter.DEFAULT_WINDOW, HeaderHashers::fastest);
    }

    public MinerOptions withThreads(int n) {
        return new MinerOptions(n, nonceLimit, clockSeconds, maxTarget, statsInterval, rateWindow, hashers);
    }

    public MinerOptions withNonceLimit(long limit) {
        return new MinerOptions(threads, limit, clockSeconds, maxTarget, statsInterval, rateWindow, hashers);
    }

    public MinerOptions withClock(LongSupplier clock) {
        return new MinerOptions(threads, nonceLimit, clock, maxTarget, statsInterval, rateWindow, hashers);
    }

    public MinerOptions withStatsInterval(Duration interval) {
        return new MinerOptions(threads, nonceLimit, clockSeconds, maxTarget, interval, rateWindow, hashers);
    }

    public MinerOptions withHashers(Supplier<HeaderHasher> factory) {
        return new MinerOptions(threads, nonceLimit, clockSeconds, maxTarget, statsInterval, rateWindow, factory);
    }
}
