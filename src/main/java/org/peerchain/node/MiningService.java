package org.peerchain.node;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.peerchain.chain.ChainEvent;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.core.KeyHash;
import org.peerchain.events.EventBus;
import org.peerchain.mempool.MempoolEvent;
import org.peerchain.mining.BlockAssembler;
import org.peerchain.mining.BlockSink;
import org.peerchain.mining.BlockTemplate;
import org.peerchain.mining.Miner;
import org.peerchain.mining.MinerOptions;
import org.peerchain.mining.MiningError;
import org.peerchain.mining.MiningListener;
import org.peerchain.mining.MiningStats;
import org.peerchain.mining.StaleBlockException;
import org.peerchain.mining.Work;
import org.peerchain.mining.WorkSource;
import org.peerchain.mining.WorkSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mining in the node: the {@link Miner} fed with block templates on the tip, its blocks going through the
 * node's own block checks, new work when the tip changes or better-paying transactions arrive. Chain and
 * mempool events only set a flag and wake the {@code mining-work} thread (they arrive under the chain's
 * lock, and building a template needs that lock from another thread), which then asks the miner for new
 * work. Mempool-driven rebuilds are paced: at most one per {@link #MIN_REBUILD_INTERVAL}, or one per
 * {@link #MIN_FEE_REBUILD_INTERVAL} when the new fees are worth {@link #FEE_GROWTH_FOR_EARLY_REBUILD} of
 * the template's reward. Stats and errors go onto the node's event bus as {@link MiningStats} and
 * {@link MiningError}.
 */
public final class MiningService implements AutoCloseable {
    /** Mempool arrivals rebuild the template at most this often... */
    public static final Duration MIN_REBUILD_INTERVAL = Duration.ofSeconds(1);
    /** ...or this often when their fees are worth at least this share of the template's reward. */
    public static final Duration MIN_FEE_REBUILD_INTERVAL = Duration.ofMillis(100);
    public static final double FEE_GROWTH_FOR_EARLY_REBUILD = 0.10;
    /**
     * A template's time may run ahead of the clock (it must exceed the median time past, which fast regtest
     * mining pushes forward); beyond this lead, short of the consensus future limit, the miner waits.
     */
    public static final long MAX_TEMPLATE_LEAD_SECONDS = ChainParams.MAX_FUTURE_BLOCK_TIME_SECONDS - 10 * 60;
    /** How soon a template that could not be made (no payout key, time too far ahead) is tried again. */
    public static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    static final String WORK_THREAD = "mining-work";
    private static final long NO_RETRY = Long.MAX_VALUE;

    private static final Logger log = LoggerFactory.getLogger(MiningService.class);

    private final ChainParams params;
    private final BlockAssembler assembler;
    private final EventBus events;
    private final Supplier<KeyHash> payout;
    private final LongSupplier clockSeconds;
    private final Miner miner;
    private final BlockSink sink;
    private final FoundBlockLog foundBlocks;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final Object lifecycle = new Object();
    private final AtomicLong newFees = new AtomicLong();

    private volatile Thread workThread;
    private volatile boolean workStopped;
    private volatile boolean tipChanged;
    private volatile long templateReward;
    private volatile long lastBuildNanos;
    private volatile long retryAtNanos = NO_RETRY;
    private volatile boolean aheadWarned;
    private volatile MiningError lastError;

    /**
     * @param sink takes found blocks: the node's {@code submitBlock}; it throws with the reject reason
     * @param payout the key hash each new template pays; called for every template, so a swap (another
     *        wallet address) takes effect at the next one
     * @param threads mining threads, 1 to the number of cores
     */
    public MiningService(ChainParams params, BlockAssembler assembler, EventBus events, BlockSink sink,
            Supplier<KeyHash> payout, int threads, LongSupplier clockSeconds) {
        this(params, assembler, events, sink, payout, threads, clockSeconds, FoundBlockLog.inMemory());
    }

    /** As above, recording every block found (taken or stale) in {@code foundBlocks}, which this service closes. */
    MiningService(ChainParams params, BlockAssembler assembler, EventBus events, BlockSink sink,
            Supplier<KeyHash> payout, int threads, LongSupplier clockSeconds, FoundBlockLog foundBlocks) {
        this.foundBlocks = Objects.requireNonNull(foundBlocks, "foundBlocks");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.params = Objects.requireNonNull(params, "params");
        this.assembler = Objects.requireNonNull(assembler, "assembler");
        this.events = Objects.requireNonNull(events, "events");
        this.payout = Objects.requireNonNull(payout, "payout");
        this.clockSeconds = Objects.requireNonNull(clockSeconds, "clockSeconds");
        BigInteger difficultyOne = CompactTarget.decode(ChainParams.DIFFICULTY_ONE_BITS);
        MinerOptions options = MinerOptions.defaults(difficultyOne).withThreads(threads).withClock(clockSeconds);
        this.miner = new Miner(new TemplateSource(), this::submitFound, options);
        miner.addListener(new BusPublisher());
        subscriptions.add(events.subscribe(ChainEvent.TipChanged.class, e -> onTipChanged()));
        subscriptions.add(events.subscribe(MempoolEvent.TxAccepted.class, e -> onTxAccepted(e.entry().fee())));
    }

    public Miner miner() {
        return miner;
    }

    public boolean isRunning() {
        return miner.isRunning();
    }

    public int threads() {
        return miner.threads();
    }

    public MiningStats stats() {
        return miner.stats();
    }

    /** The last mining error since the node started, or null. */
    public MiningError lastError() {
        return lastError;
    }

    /** Where mined coins go, in the network's format, or null while the payout cannot be had (see {@link #payoutFailure()}). */
    public Address payoutAddress() {
        try {
            return new Address(params.addressPrefix(), payout.get());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Why there is no payout address now (a locked wallet with no key left, ...), or null when there is one. */
    public RuntimeException payoutFailure() {
        try {
            payout.get();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Mining is on but waits because the next block's time would run too far ahead of the clock. */
    public boolean waitingForClock() {
        return miner.isRunning() && aheadWarned;
    }

    /** Every block this miner found, newest first. */
    FoundBlockLog foundBlocks() {
        return foundBlocks;
    }

    /**
     * The miner's sink: the node's checks, then the block goes into the list of found blocks, taken or stale (a
     * block refused for another reason is no found block: the miner reports it as an error).
     */
    void submitFound(Block block) throws Exception {
        try {
            sink.submit(block);
        } catch (StaleBlockException e) {
            foundBlocks.found(block, clockSeconds.getAsLong(), false);
            throw e;
        }
        foundBlocks.found(block, clockSeconds.getAsLong(), true);
    }

    /** Starts mining (no-op when running). */
    public void start() {
        synchronized (lifecycle) {
            if (miner.isRunning()) {
                return;
            }
            workStopped = false;
            tipChanged = false;
            retryAtNanos = NO_RETRY;
            Thread t = new Thread(this::runWorkLoop, WORK_THREAD);
            t.setDaemon(true);
            workThread = t;
            t.start();
            miner.start();
        }
    }

    /** Stops mining and waits for every mining thread to end (no-op when stopped). */
    public void stop() {
        Thread ending;
        synchronized (lifecycle) {
            miner.stop();
            ending = workThread;
            workThread = null;
            workStopped = true;
        }
        if (ending != null) {
            LockSupport.unpark(ending);
            try {
                ending.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sets the number of mining threads, 1 to the number of cores; running threads are replaced at once. */
    public void setThreads(int n) {
        synchronized (lifecycle) {
            miner.setThreads(n);
        }
    }

    @Override
    public void close() {
        stop();
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("could not unsubscribe the miner from node events", e);
            }
        }
        foundBlocks.close();
    }

    /** Runs on the publisher's thread under the chain lock: flag and wake only. */
    private void onTipChanged() {
        tipChanged = true;
        wake();
    }

    private void onTxAccepted(long fee) {
        newFees.addAndGet(fee);
        wake();
    }

    private void wake() {
        Thread t = workThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void runWorkLoop() {
        while (!workStopped) {
            long now = System.nanoTime();
            long due = nextRebuildDue();
            if (due - now <= 0) {
                tipChanged = false;
                retryAtNanos = NO_RETRY;
                miner.newWork();
            } else if (due == NO_RETRY) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, due - now);
            }
        }
    }

    /** When the template should next be rebuilt (a nanoTime), or {@link #NO_RETRY} when nothing asks for it. */
    private long nextRebuildDue() {
        long now = System.nanoTime();
        if (tipChanged) {
            return now;
        }
        long due = retryAtNanos;
        long fees = newFees.get();
        if (fees > 0) {
            boolean noticeable = fees >= FEE_GROWTH_FOR_EARLY_REBUILD * templateReward;
            Duration pace = noticeable ? MIN_FEE_REBUILD_INTERVAL : MIN_REBUILD_INTERVAL;
            long feeDue = lastBuildNanos + pace.toNanos();
            if (due == NO_RETRY || feeDue - due < 0) {
                due = feeDue;
            }
        }
        return due;
    }

    /** A new template for every extra nonce: the mempool's best at that moment, on the tip at that moment. */
    private final class TemplateSource implements WorkSource {
        @Override
        public Work nextWork(long extraNonce) {
            lastBuildNanos = System.nanoTime();
            newFees.set(0);
            KeyHash to;
            BlockTemplate t;
            try {
                to = payout.get();
                t = assembler.assemble(to, extraNonce);
            } catch (RuntimeException e) {
                retryAtNanos = System.nanoTime() + RETRY_DELAY.toNanos();
                wake();
                throw e;
            }
            long lead = t.block().header().time() - clockSeconds.getAsLong();
            if (lead > MAX_TEMPLATE_LEAD_SECONDS) {
                if (!aheadWarned) {
                    aheadWarned = true;
                    log.warn("mining pauses: the next block's time would be {} s ahead of the clock (blocks came"
                            + " faster than one per second for a long time); it resumes as the clock catches up", lead);
                }
                retryAtNanos = System.nanoTime() + RETRY_DELAY.toNanos();
                wake();
                return null;
            }
            aheadWarned = false;
            templateReward = t.block().transactions().get(0).totalOutput();
            Block block = t.block();
            return Work.of(block.header(), block::withHeader);
        }
    }

    /** Puts the miner's stats and errors on the node's event bus. */
    private final class BusPublisher implements MiningListener {
        @Override
        public void onStats(MiningStats stats) {
            events.publish(stats);
        }

        @Override
        public void onError(MiningError error) {
            lastError = error;
            events.publish(error);
        }

        @Override
        public void onWorkStarted(WorkSwitch workSwitch) {
            events.publish(workSwitch);
        }
    }
}
