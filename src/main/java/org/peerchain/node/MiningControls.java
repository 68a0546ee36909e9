package org.peerchain.node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.ChainEvent;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.core.Address;
import org.peerchain.core.Hash;
import org.peerchain.events.EventBus;
import org.peerchain.mining.Miner;
import org.peerchain.mining.MiningError;
import org.peerchain.mining.MiningStats;
import org.peerchain.node.api.FoundBlock;
import org.peerchain.node.api.MiningControl;
import org.peerchain.node.api.PayoutSource;
import org.peerchain.node.api.MiningSnapshot;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.p2p.NetworkEvent;
import org.peerchain.wallet.WalletException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mining service over the node's {@link MiningService}: start, stop, threads, the numbers with the reason mining
 * cannot start or would be wasted, pausing while the node catches up, and the blocks found with their fate now.
 * Chain and network events arrive under the chain's lock or on network threads: they only hand work to this
 * service's own {@value #WORKER_THREAD} thread, which recomputes fates and pauses or resumes the miner.
 */
final class MiningControls implements MiningControl {
    /**
     * Found blocks deeper than maturity by this many blocks are taken to be settled and not re-checked on every
     * tip: a reorganisation that deep does not happen in practice (a restart re-checks all of them).
     */
    static final int SETTLED_MARGIN = 10;
    /** How often the sync state is looked at while pausing for a sync is on (events also trigger a look). */
    static final Duration SYNC_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** A miner error this recent is shown as the problem. */
    static final Duration ERROR_SHOWN_FOR = MiningRpc.WARNING_AGE;
    // Not "mining-...": that prefix is for threads that live only while mining (tests count them).
    static final String WORKER_THREAD = "found-block-fates";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /**
     * Fates are computed at most this often: a regtest miner finds blocks many times a second, and each computation
     * walks the whole list. A change is shown within this time.
     */
    static final Duration FATES_MIN_GAP = Duration.ofMillis(250);
    static final String LOCKED_WALLET_PROBLEM =
            "No address to mine to: the wallet is locked and has no mining address left: unlock it";

    private static final Logger log = LoggerFactory.getLogger(MiningControls.class);

    private final Node node;
    private final MiningService service;
    private final EventBus apiEvents;
    private final ScheduledExecutorService worker;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** Held while the miner is started, stopped or paused, so that a user's stop and a sync's resume never cross. */
    private final Object lifecycle = new Object();
    /** Held while fates are computed and published, so that lists go out in the order they were computed. */
    private final Object fates = new Object();
    private final AtomicBoolean fatesDue = new AtomicBoolean();
    private volatile long lastFatesNanos = System.nanoTime() - FATES_MIN_GAP.toNanos();
    private volatile boolean pauseWhileSyncing;
    private volatile boolean pausedForSync;
    private volatile NetworkEvent.SyncProgress lastProgress;
    private volatile List<FoundBlock> found = List.of();

    MiningControls(Node node, EventBus apiEvents) {
        this.node = node;
        this.service = node.mining();
        this.apiEvents = apiEvents;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, WORKER_THREAD);
            t.setDaemon(true);
            return t;
        });
        EventBus parts = node.events();
        subscriptions.add(parts.subscribe(MiningStats.class, s -> apiEvents.publish(new NodeEvent.Mining(snapshot(s)))));
        subscriptions.add(parts.subscribe(ChainEvent.TipChanged.class, e -> {
            fatesDue();
            syncCheckDue();
        }));
        subscriptions.add(parts.subscribe(NetworkEvent.SyncProgress.class, p -> {
            lastProgress = p;
            syncCheckDue();
        }));
        subscriptions.add(service.foundBlocks().onChange(this::fatesDue));
        refreshFates(true);
        worker.scheduleWithFixedDelay(guarded(this::checkSync), SYNC_CHECK_INTERVAL.toMillis(),
                SYNC_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (pauseWhileSyncing && syncing()) {
                pausedForSync = true;
                log.info("mining waits for the sync to finish (pause while syncing is on)");
            } else {
                service.start();
            }
        }
        publishSnapshot();
    }

    @Override
    public void setPayoutAddress(String address) {
        node.setMiningPayout(address == null || address.isBlank() ? null : address.strip());
        publishSnapshot();
    }

    @Override
    public PayoutSource payoutSource() {
        return node.miningPayoutSource();
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            pausedForSync = false;
            service.stop();
        }
        publishSnapshot();
    }

    @Override
    public void setThreads(int threads) {
        int max = maxThreads();
        if (threads < 1 || threads > max) {
            throw new IllegalArgumentException("Mining threads must be 1 to " + max + " (the number of cores), got "
                    + threads);
        }
        synchronized (lifecycle) {
            service.setThreads(threads);
        }
        publishSnapshot();
    }

    @Override
    public int maxThreads() {
        return Miner.maxThreads();
    }

    @Override
    public void setPauseWhileSyncing(boolean pause) {
        pauseWhileSyncing = pause;
        if (!reconcileWithSync()) {
            publishSnapshot();
        }
    }

    @Override
    public boolean pauseWhileSyncing() {
        return pauseWhileSyncing;
    }

    // ------------------------------------------------------------------ numbers

    @Override
    public MiningSnapshot snapshot() {
        return snapshot(service.stats());
    }

    private void publishSnapshot() {
        apiEvents.publish(new NodeEvent.Mining(snapshot()));
    }

    private MiningSnapshot snapshot(MiningStats s) {
        Address payout = service.payoutAddress();
        double difficulty = s.difficulty() > 0 ? s.difficulty() : CompactTarget.difficulty(node.chain().nextBits());
        long lastBlock = s.lastBlockTime().map(Instant::getEpochSecond).orElse(0L);
        return new MiningSnapshot(s.running(), s.threads(), maxThreads(), s.hashesPerSecond(),
                s.perThreadHashesPerSecond(), s.hashesDone(), s.blocksFound(), s.staleBlocks(), difficulty,
                s.expectedSecondsToBlock(), s.dailyBlockChance(), payout == null ? "" : payout.encode(), problem(),
                pausedForSync, System.currentTimeMillis(), s.hasherPath(), lastBlock);
    }

    /** Why mining cannot start or would be wasted, in words, or empty. */
    private String problem() {
        RuntimeException payout = service.payoutFailure();
        if (payout != null) {
            return payoutProblem(payout);
        }
        String sync = syncProblem();
        if (!sync.isEmpty()) {
            return sync;
        }
        if (service.waitingForClock()) {
            return "Blocks came faster than the clock: the next block's time would be too far ahead, so mining waits"
                    + " for the clock to catch up";
        }
        MiningError e = service.lastError();
        if (e != null && e.time().isAfter(Instant.now().minus(ERROR_SHOWN_FOR))) {
            return switch (e.reason()) {
                case MiningError.WORK_SOURCE_FAILED -> "No block could be prepared to mine on: " + e.message();
                case MiningError.BLOCK_SINK_FAILED -> "A block found was refused: " + e.message();
                default -> "The miner failed (" + e.reason() + "): " + e.message();
            };
        }
        return "";
    }

    static String payoutProblem(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WalletException w && w.reason() == WalletException.Reason.KEYPOOL_EXHAUSTED) {
                return LOCKED_WALLET_PROBLEM;
            }
        }
        return "No address to mine to: " + failure.getMessage();
    }

    private String syncProblem() {
        ChainState chain = node.chain();
        int tip = chain.height();
        int target = chain.bestHeader().height();
        NetworkEvent.SyncProgress p = lastProgress;
        boolean syncing = target > tip;
        if (p != null && p.syncing()) {
            syncing = true;
            target = Math.max(target, p.targetHeight());
        }
        if (!syncing) {
            return "";
        }
        return String.format(Locale.ROOT, "The node is still catching up with its peers (block %,d of %,d): you would"
                + " be mining on an old tip", tip, target);
    }

    /** The best header known is above the tip, or the network says it is downloading blocks. */
    private boolean syncing() {
        ChainState chain = node.chain();
        NetworkEvent.SyncProgress p = lastProgress;
        return chain.bestHeader().height() > chain.height() || (p != null && p.syncing());
    }

    // ------------------------------------------------------------------ pause while syncing

    private void syncCheckDue() {
        if (pauseWhileSyncing || pausedForSync) {
            runOnWorker(this::checkSync);
        }
    }

    private void checkSync() {
        if (pauseWhileSyncing || pausedForSync) {
            reconcileWithSync();
        }
    }

    /** Pauses mining the user started while syncing (when asked to), resumes it once caught up; true on a change. */
    private boolean reconcileWithSync() {
        boolean changed = false;
        synchronized (lifecycle) {
            boolean hold = pauseWhileSyncing && syncing();
            if (hold && service.isRunning()) {
                service.stop();
                pausedForSync = true;
                changed = true;
                log.info("mining paused: the node is catching up with its peers; it resumes when caught up");
            } else if (!hold && pausedForSync) {
                pausedForSync = false;
                service.start();
                changed = true;
                log.info("mining resumed");
            }
        }
        if (changed) {
            publishSnapshot();
        }
        return changed;
    }

    // ------------------------------------------------------------------ found blocks

    @Override
    public List<FoundBlock> foundBlocks() {
        return refreshFates(false);
    }

    @Override
    public long foundBlockTotal() {
        return service.foundBlocks().totalFound();
    }

    private void fatesDue() {
        if (fatesDue.compareAndSet(false, true)) {
            long wait = Math.max(0, lastFatesNanos + FATES_MIN_GAP.toNanos() - System.nanoTime());
            try {
                worker.schedule(guarded(() -> {
                    fatesDue.set(false);
                    lastFatesNanos = System.nanoTime();
                    refreshFates(false);
                }), wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // Closing: nothing more to do.
            }
        }
    }

    /**
     * Computes the fate of every found block from the active chain now (all of them, or only those not yet settled:
     * mature and deep enough) and publishes the list when anything changed, a maturity countdown included.
     */
    private List<FoundBlock> refreshFates(boolean all) {
        synchronized (fates) {
            List<FoundBlockLog.Entry> entries = service.foundBlocks().entries();
            Map<Hash, FoundBlock> before = new HashMap<>();
            for (FoundBlock b : found) {
                before.put(b.hash(), b);
            }
            List<Hash> nowActive = new ArrayList<>();
            ChainState chain = node.chain();
            List<FoundBlock> next = chain.read(() -> {
                int tip = chain.height();
                int settledBelow = tip - ChainParams.COINBASE_MATURITY - SETTLED_MARGIN;
                List<FoundBlock> out = new ArrayList<>(entries.size());
                for (FoundBlockLog.Entry e : entries) {
                    FoundBlock known = before.get(e.hash());
                    if (!all && known != null && known.state() == FoundBlock.State.MATURE && e.height() < settledBelow) {
                        out.add(known);
                        continue;
                    }
                    FoundBlock now = fate(e, chain.entryAt(e.height()), tip);
                    if (!e.wasActive() && now.state() != FoundBlock.State.STALE) {
                        nowActive.add(e.hash());
                    }
                    out.add(now);
                }
                return List.copyOf(out);
            });
            boolean changed = !next.equals(found);
            found = next;
            if (!nowActive.isEmpty()) {
                // A stale block whose branch later won: from now on, losing its place is a reorganisation.
                service.foundBlocks().markActive(nowActive);
            }
            if (changed) {
                apiEvents.publish(new NodeEvent.FoundBlocks(next, service.foundBlocks().totalFound()));
            }
            return next;
        }
    }

    /**
     * A found block's fate. Its coinbase can be spent in a block at least {@link ChainParams#COINBASE_MATURITY} above
     * it (TxRules), and the next block is at tip + 1; so with {@code confirmations = tip - height + 1} it is mature
     * at {@code confirmations >= COINBASE_MATURITY}, as the wallet counts it.
     */
    static FoundBlock fate(FoundBlockLog.Entry e, BlockIndexEntry activeAtHeight, int tip) {
        boolean active = activeAtHeight != null && activeAtHeight.hash().equals(e.hash());
        if (!active) {
            FoundBlock.State lost = e.wasActive() ? FoundBlock.State.REORGANISED_AWAY : FoundBlock.State.STALE;
            return new FoundBlock(e.hash(), e.height(), e.time(), e.reward(), lost, 0);
        }
        int confirmations = tip - e.height() + 1;
        int toMaturity = Math.max(0, ChainParams.COINBASE_MATURITY - confirmations);
        FoundBlock.State state = toMaturity > 0 ? FoundBlock.State.IMMATURE : FoundBlock.State.MATURE;
        return new FoundBlock(e.hash(), e.height(), e.time(), e.reward(), state, toMaturity);
    }

    private void runOnWorker(Runnable task) {
        try {
            worker.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            // Closing: nothing more to do.
        }
    }

    /** A failure is logged and the worker goes on (a periodic task that throws would never run again). */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("mining controls: {}", e.getMessage(), e);
            }
        };
    }

    /** Stops this service's own thread and subscriptions (the node closes its parts, the miner among them). */
    void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("could not unsubscribe the mining controls", e);
            }
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
