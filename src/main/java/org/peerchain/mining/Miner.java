package org.peerchain.mining;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nonce search. N threads ({@code miner-0}, {@code miner-1}, ...) hash disjoint slices of the nonce
 * space of the current work. When a thread's slice runs out it rolls the header time forward to the
 * wall clock, or, when the clock has not moved, asks the {@link WorkSource} for work with a fresh extra
 * nonce. {@link #newWork()} publishes a new template; every thread looks at it (one volatile read) each
 * {@link #CHECK_INTERVAL} hashes, so stale work is dropped within about a millisecond. A found block is
 * checked with the plain double SHA-256, assembled and handed to the {@link BlockSink}; every failure
 * reaches the listeners as a {@link MiningError}. Start, stop and thread changes may come from any thread
 * at any moment; stop joins every thread it started.
 */
public final class Miner implements AutoCloseable {
    /** Hashes between two looks at the current work and the stop flag: about a millisecond. */
    public static final int CHECK_INTERVAL = 4096;
    /** How long a thread whose work source failed waits before asking again. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    /** How long stop waits for each thread; a thread ends within one check interval. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    static final String THREAD_PREFIX = "miner-";
    static final String STATS_THREAD = "mining-stats";

    private static final Logger LOG = LoggerFactory.getLogger(Miner.class);

    /** Published work. Identity matters: a thread switches when the current job is another object. */
    private static final class Job {
        final long generation;
        final Work work;
        final long requestedNanos;
        final AtomicBoolean started = new AtomicBoolean();
        final AtomicBoolean solved = new AtomicBoolean();

        Job(long generation, Work work, long requestedNanos) {
            this.generation = generation;
            this.work = work;
            this.requestedNanos = requestedNanos;
        }
    }

    /** The threads of one start (or one thread-count change); stopped as a whole. */
    private static final class Crew {
        final List<Thread> threads = new ArrayList<>();
        volatile boolean stopped;
    }

    private final WorkSource source;
    private final BlockSink sink;
    private final MinerOptions options;
    private final HashRateMeter meter;
    private final String hasherPath;
    private final List<MiningListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong extraNonces = new AtomicLong();
    private final AtomicLong generations = new AtomicLong();
    private final AtomicLong staleBlocks = new AtomicLong();
    /** Serializes publishing work, so that an older template never overwrites a newer one. */
    private final Object publishLock = new Object();
    /** Idle threads wait here for work or for stop. */
    private final Object workSignal = new Object();
    private final Object lifecycle = new Object();

    private volatile Job current;
    private volatile long currentBits;
    private volatile int threads;
    private volatile Crew crew;
    private Thread statsThread;
    private volatile boolean statsStopped;

    public Miner(WorkSource source, BlockSink sink, MinerOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.options = Objects.requireNonNull(options, "options");
        this.threads = options.threads();
        this.meter = new HashRateMeter(Math.max(maxThreads(), options.threads()), options.rateWindow());
        this.hasherPath = options.hashers().get().path();
    }

    /** The most threads {@link #setThreads} accepts: the number of cores. */
    public static int maxThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    static void checkThreads(int n) {
        if (n < 1 || n > maxThreads()) {
            throw new IllegalArgumentException("mining threads must be between 1 and " + maxThreads()
                    + " (the number of cores), got " + n);
        }
    }

    public void addListener(MiningListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(MiningListener listener) {
        listeners.remove(listener);
    }

    public HashRateMeter meter() {
        return meter;
    }

    public int threads() {
        return threads;
    }

    public boolean isRunning() {
        return crew != null;
    }

    /** Starts mining on a fresh template (no-op when running). */
    public void start() {
        synchronized (lifecycle) {
            if (crew != null) {
                return;
            }
            publishFreshWork();
            meter.restartWindow();
            meter.sample(System.nanoTime());
            crew = startCrew(threads);
            statsStopped = false;
            statsThread = new Thread(this::publishStatsUntilStopped, STATS_THREAD);
            statsThread.setDaemon(true);
            statsThread.start();
            LOG.info("mining started on {} thread(s) with the {} hasher", threads, hasherPath);
        }
    }

    /** Stops mining and waits for every mining thread to end (no-op when stopped); publishes final stats. */
    public void stop() {
        List<Thread> ending = new ArrayList<>();
        synchronized (lifecycle) {
            if (crew == null) {
                return;
            }
            ending.addAll(signalStop(crew));
            crew = null;
            statsStopped = true;
            ending.add(statsThread);
            statsThread = null;
            synchronized (workSignal) {
                workSignal.notifyAll();
            }
        }
        // Joined outside the lock: a listener on a mining thread may call into the miner meanwhile.
        ending.forEach(this::join);
        meter.restartWindow();
        publishStats(stats());
        LOG.info("mining stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Sets the number of mining threads, 1 to the number of cores. When running, the threads are replaced
     * at once by a new set working on fresh work (a new extra nonce, so the new slices repeat nothing).
     */
    public void setThreads(int n) {
        checkThreads(n);
        if (n > meter.slots()) {
            throw new IllegalArgumentException("this miner was made for at most " + meter.slots() + " threads, got " + n);
        }
        if (n - 1 > options.nonceLimit()) {
            throw new IllegalArgumentException("a nonce limit of " + options.nonceLimit() + " cannot be split among " + n + " threads");
        }
        List<Thread> ending = new ArrayList<>();
        synchronized (lifecycle) {
            if (n == threads) {
                return;
            }
            threads = n;
            if (crew != null) {
                ending.addAll(signalStop(crew));
                publishFreshWork();
                crew = startCrew(n);
                LOG.info("mining now on {} thread(s)", n);
            }
        }
        ending.forEach(this::join);
    }

    /**
     * Asks the work source for a new template (call it when the tip changes or better transactions
     * arrive) and switches every mining thread to it within one check interval. Returns false, after
     * telling the listeners why, when the source failed or had no work; then the threads idle. When
     * mining is stopped it only drops the old work and returns false: {@link #start()} fetches fresh work.
     */
    public boolean newWork() {
        synchronized (lifecycle) {
            if (crew == null) {
                synchronized (publishLock) {
                    current = null;
                }
                return false;
            }
            return publishFreshWork();
        }
    }

    private boolean publishFreshWork() {
        long requested = System.nanoTime();
        synchronized (publishLock) {
            long extraNonce = extraNonces.incrementAndGet();
            Work work = fetch(extraNonce);
            if (work != null && targetWords(work.header()) == null) {
                work = null;
            }
            Job job = work == null ? null : new Job(generations.incrementAndGet(), work, requested);
            if (work != null) {
                currentBits = work.header().bits();
            }
            current = job;
            synchronized (workSignal) {
                workSignal.notifyAll();
            }
            return job != null;
        }
    }

    /** The stats now (samples the meter's counters first when running). */
    public MiningStats stats() {
        boolean running = isRunning();
        if (running) {
            meter.sample(System.nanoTime());
        }
        int n = threads;
        double[] slotRates = meter.perSlotHashesPerSecond();
        List<Double> perThread = new ArrayList<>(n);
        double total = 0;
        for (int i = 0; i < n; i++) {
            perThread.add(slotRates[i]);
        }
        for (double r : slotRates) {
            total += r;
        }
        long bits = currentBits;
        double difficulty = 0;
        double expected = Double.POSITIVE_INFINITY;
        if (bits != 0) {
            BigInteger target = CompactTarget.decode(bits);
            difficulty = HashRateMeter.difficulty(options.maxTarget(), target);
            expected = HashRateMeter.expectedSecondsToBlock(target, total);
        }
        return new MiningStats(Instant.now(), running, n, hasherPath, total, perThread, meter.hashesDone(),
                meter.blocksFound(), staleBlocks.get(), meter.lastBlockTime(), bits, difficulty, expected,
                HashRateMeter.dailyBlockChance(expected));
    }

    private Crew startCrew(int n) {
        Crew c = new Crew();
        long space = options.nonceLimit() + 1;
        for (int i = 0; i < n; i++) {
            long lo = space * i / n;
            long hi = space * (i + 1) / n - 1;
            Thread t = new Thread(new NonceSearch(i, lo, hi, c), THREAD_PREFIX + i);
            t.setDaemon(true);
            // Hashing yields to everything else: the window, block validation, peers. The thread lowers its own
            // priority with the operating system as it starts (LowPriority); this is Java's hint besides.
            t.setPriority(Thread.MIN_PRIORITY);
            c.threads.add(t);
        }
        c.threads.forEach(Thread::start);
        return c;
    }

    /** Tells a crew to stop; returns its threads for joining. */
    private List<Thread> signalStop(Crew c) {
        c.stopped = true;
        synchronized (workSignal) {
            workSignal.notifyAll();
        }
        return c.threads;
    }

    private void join(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(JOIN_TIMEOUT.toMillis());
            if (t.isAlive()) {
                LOG.warn("thread {} did not end within {}", t.getName(), JOIN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Work fetch(long extraNonce) {
        try {
            return source.nextWork(extraNonce);
        } catch (RuntimeException e) {
            report(MiningError.WORK_SOURCE_FAILED, "the block template could not be made: " + e.getMessage(), e);
            return null;
        }
    }

    /** The header's target as words, or null after reporting a target that cannot be decoded. */
    private int[] targetWords(BlockHeader header) {
        try {
            return TargetWords.toWords(CompactTarget.decode(header.bits()));
        } catch (IllegalArgumentException e) {
            report(MiningError.BAD_TARGET, "the work's target cannot be mined: " + e.getMessage(), e);
            return null;
        }
    }

    private void report(String reason, String message, Throwable cause) {
        MiningError error = new MiningError(reason, message, cause, Instant.now());
        LOG.warn("mining: {}", error);
        for (MiningListener l : listeners) {
            try {
                l.onError(error);
            } catch (RuntimeException e) {
                LOG.warn("a mining listener failed on an error event", e);
            }
        }
    }

    private void publishStatsUntilStopped() {
        long intervalMillis = options.statsInterval().toMillis();
        while (!statsStopped) {
            synchronized (workSignal) {
                long deadline = System.currentTimeMillis() + intervalMillis;
                long left;
                while (!statsStopped && (left = deadline - System.currentTimeMillis()) > 0) {
                    try {
                        workSignal.wait(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (!statsStopped) {
                publishStats(stats());
            }
        }
    }

    private void publishStats(MiningStats stats) {
        for (MiningListener l : listeners) {
            try {
                l.onStats(stats);
            } catch (RuntimeException e) {
                LOG.warn("a mining listener failed on a stats event", e);
            }
        }
    }

    /** The work of one thread: its slice of the nonce space, its hasher and buffers. */
    private final class NonceSearch implements Runnable {
        private final int index;
        private final long firstNonce;
        private final long lastNonce;
        private final Crew crew;
        private final HeaderHasher hasher = options.hashers().get();
        private final byte[] headerBytes = new byte[BlockHeader.SIZE];
        /** The header being hashed (its time possibly rolled), the work it came from, and its target. */
        private BlockHeader header;
        private Work work;
        private int[] target;

        NonceSearch(int index, long firstNonce, long lastNonce, Crew crew) {
            this.index = index;
            this.firstNonce = firstNonce;
            this.lastNonce = lastNonce;
            this.crew = crew;
        }

        @Override
        public void run() {
            try {
                LowPriority.lowerCurrentThread();
                search();
            } catch (RuntimeException | Error e) {
                report(MiningError.WORKER_CRASHED, Thread.currentThread().getName() + " stopped: " + e, e);
            }
        }

        private void search() {
            Job job = null;
            long nonce = firstNonce;
            while (!crew.stopped && !Thread.currentThread().isInterrupted()) {
                Job latest = current;
                if (latest != job) {
                    job = latest;
                    if (job == null || !load(job.work)) {
                        work = null;
                        awaitOtherWork(job, null);
                        continue;
                    }
                    nonce = firstNonce;
                    announceFirstHash(job);
                }
                if (work == null) {
                    if (job == null) {
                        awaitOtherWork(null, null);
                        continue;
                    }
                    // The work source failed at a rollover: retry after a while unless new work comes.
                    if (!awaitOtherWork(job, RETRY_DELAY) && !crew.stopped) {
                        if (load(fetch(extraNonces.incrementAndGet()))) {
                            nonce = firstNonce;
                        }
                    }
                    continue;
                }
                long end = Math.min(lastNonce + 1, nonce + CHECK_INTERVAL);
                long found = hasher.search(nonce, end, target);
                long next = found < 0 ? end : found + 1;
                meter.add(index, next - nonce);
                nonce = next;
                if (found >= 0) {
                    submit(job, header, work, found);
                }
                if (nonce > lastNonce) {
                    rollOver();
                    nonce = firstNonce;
                }
            }
        }

        /** Loads work's header into the hasher; false (reported) when there is none or its target is bad. */
        private boolean load(Work w) {
            if (w == null) {
                work = null;
                return false;
            }
            int[] words = targetWords(w.header());
            if (words == null) {
                work = null;
                return false;
            }
            work = w;
            header = w.header();
            target = words;
            header.writeTo(headerBytes);
            hasher.load(headerBytes);
            return true;
        }

        /** This slice of the nonce space is done: move the time to the clock, or take a new extra nonce. */
        private void rollOver() {
            long now = options.clockSeconds().getAsLong();
            if (now > header.time() && now <= MinerOptions.MAX_NONCE) {
                header = header.withTime(now);
                hasher.setTime(now);
                return;
            }
            load(fetch(extraNonces.incrementAndGet()));
        }

        private void announceFirstHash(Job job) {
            if (!job.started.compareAndSet(false, true)) {
                return;
            }
            WorkSwitch s = new WorkSwitch(job.generation, job.work.header().prevHash(),
                    Duration.ofNanos(System.nanoTime() - job.requestedNanos));
            for (MiningListener l : listeners) {
                try {
                    l.onWorkStarted(s);
                } catch (RuntimeException e) {
                    LOG.warn("a mining listener failed on a work event", e);
                }
            }
        }

        /** Waits until the current job is not {@code seen} or the crew stops; true if it changed. */
        private boolean awaitOtherWork(Job seen, Duration max) {
            long deadline = max == null ? Long.MAX_VALUE : System.nanoTime() + max.toNanos();
            synchronized (workSignal) {
                while (current == seen && !crew.stopped) {
                    long leftMillis = max == null ? 0 : (deadline - System.nanoTime()) / 1_000_000;
                    if (max != null && leftMillis <= 0) {
                        return false;
                    }
                    try {
                        workSignal.wait(leftMillis);
                    } catch (InterruptedException e) {
                        // Nothing of ours interrupts mining threads; if someone does, this thread ends.
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
            return current != seen;
        }
    }

    /**
     * Checks a solution with the plain double SHA-256, makes sure only one block per job goes out, builds
     * the block and hands it to the sink; then asks for new work unless the sink already did.
     */
    private void submit(Job job, BlockHeader template, Work work, long nonce) {
        BlockHeader solved = template.withNonce(nonce);
        BigInteger target = CompactTarget.decode(solved.bits());
        Hash hash = solved.hash();
        if (new BigInteger(1, hash.toBytes()).compareTo(target) > 0) {
            report(MiningError.FAST_HASH_MISMATCH, "the " + hasherPath + " hasher took nonce " + nonce
                    + " for a solution but the header hash " + hash + " is above the target", null);
            return;
        }
        if (!job.solved.compareAndSet(false, true)) {
            LOG.debug("dropped a second solution {} of the same work", hash);
            return;
        }
        synchronized (publishLock) {
            if (current == job) {
                current = null;
            }
        }
        Block block;
        try {
            block = work.assemble(solved);
            if (!block.hash().equals(hash)) {
                throw new IllegalStateException("the assembled block's hash " + block.hash()
                        + " differs from the solved header's " + hash);
            }
        } catch (RuntimeException e) {
            report(MiningError.BLOCK_ASSEMBLY_FAILED, "block " + hash + " could not be built: " + e.getMessage(), e);
            refreshIfIdle();
            return;
        }
        try {
            sink.submit(block);
        } catch (StaleBlockException e) {
            staleBlocks.incrementAndGet();
            LOG.info("found block {} is stale: {}", hash, e.getMessage());
            refreshIfIdle();
            return;
        } catch (Exception e) {
            report(MiningError.BLOCK_SINK_FAILED, "found block " + hash + " was not taken: " + e.getMessage(), e);
            refreshIfIdle();
            return;
        }
        meter.blockFound(Instant.now());
        LOG.debug("mined block {} on {}", hash, solved.prevHash());
        for (MiningListener l : listeners) {
            try {
                l.onBlockFound(block);
            } catch (RuntimeException e) {
                LOG.warn("a mining listener failed on a block event", e);
            }
        }
        refreshIfIdle();
    }

    private void refreshIfIdle() {
        if (current == null) {
            newWork();
        }
    }
}
