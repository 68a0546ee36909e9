package org.peerchain.mining;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts hashes per mining thread and turns periodic samples into rates over a sliding window; also
 * the block-finding arithmetic (difficulty, expected time to a block, daily chance). Threads add to
 * their own counter without locking; sampling and rates are synchronized.
 */
public final class HashRateMeter {
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    public static final double SECONDS_PER_DAY = 86_400;
    /** Longs between two threads' counters, so that they do not share a cache line. */
    private static final int SLOT_STRIDE = 16;
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private record Sample(long nanos, long[] counts) {
    }

    private final int slots;
    private final long windowNanos;
    private final AtomicLongArray counters;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final AtomicLong blocksFound = new AtomicLong();
    private volatile Instant lastBlockTime;

    public HashRateMeter(int slots, Duration window) {
        if (slots < 1) {
            throw new IllegalArgumentException("a hash-rate meter needs at least one thread slot, got " + slots);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the hash-rate window must be positive, got " + window);
        }
        this.slots = slots;
        this.windowNanos = window.toNanos();
        this.counters = new AtomicLongArray(slots * SLOT_STRIDE);
    }

    public int slots() {
        return slots;
    }

    /** Adds hashes done by the thread in {@code slot}. */
    public void add(int slot, long hashes) {
        counters.getAndAdd(slot * SLOT_STRIDE, hashes);
    }

    public long hashesDone(int slot) {
        return counters.get(slot * SLOT_STRIDE);
    }

    public long hashesDone() {
        long sum = 0;
        for (int i = 0; i < slots; i++) {
            sum += hashesDone(i);
        }
        return sum;
    }

    /** Records the counters at {@code nanoTime}; rates cover the samples of the last window. */
    public synchronized void sample(long nanoTime) {
        long[] counts = new long[slots];
        for (int i = 0; i < slots; i++) {
            counts[i] = hashesDone(i);
        }
        samples.addLast(new Sample(nanoTime, counts));
        while (samples.size() > 2 && samples.peekFirst().nanos() < nanoTime - windowNanos) {
            samples.removeFirst();
        }
    }

    /** Forgets the samples (rates read 0 until two new samples exist): used when mining starts or stops. */
    public synchronized void restartWindow() {
        samples.clear();
    }

    /** Hashes per second over the window, all threads. */
    public synchronized double hashesPerSecond() {
        double total = 0;
        for (double r : perSlotHashesPerSecond()) {
            total += r;
        }
        return total;
    }

    /** Hashes per second over the window, one entry per slot. */
    public synchronized double[] perSlotHashesPerSecond() {
        double[] rates = new double[slots];
        if (samples.size() < 2) {
            return rates;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        if (seconds <= 0) {
            return rates;
        }
        for (int i = 0; i < slots; i++) {
            rates[i] = (last.counts()[i] - first.counts()[i]) / seconds;
        }
        return rates;
    }

    public void blockFound(Instant when) {
        lastBlockTime = when;
        blocksFound.incrementAndGet();
    }

    public long blocksFound() {
        return blocksFound.get();
    }

    public Optional<Instant> lastBlockTime() {
        return Optional.ofNullable(lastBlockTime);
    }

    /** {@code maxTarget / target}: 1 at the easiest target; infinite for target 0. */
    public static double difficulty(BigInteger maxTarget, BigInteger target) {
        if (target.signum() <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(maxTarget).divide(new BigDecimal(target), PRECISION).doubleValue();
    }

    /** The mean number of hashes per block: {@code 2^256 / (target + 1)}. */
    public static double expectedHashesPerBlock(BigInteger target) {
        return new BigDecimal(TargetWords.TWO_256)
                .divide(new BigDecimal(target.add(BigInteger.ONE)), PRECISION).doubleValue();
    }

    /** The mean time to a block at {@code hashesPerSecond}; infinite when the rate is 0. */
    public static double expectedSecondsToBlock(BigInteger target, double hashesPerSecond) {
        if (!(hashesPerSecond > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return expectedHashesPerBlock(target) / hashesPerSecond;
    }

    /** The chance of at least one block in a day, blocks arriving as a Poisson process: 1 - e^(-day/expected). */
    public static double dailyBlockChance(double expectedSecondsToBlock) {
        if (!(expectedSecondsToBlock > 0) || Double.isInfinite(expectedSecondsToBlock)) {
            return expectedSecondsToBlock == 0 ? 1.0 : 0.0;
        }
        return -Math.expm1(-SECONDS_PER_DAY / expectedSecondsToBlock);
    }
}
