package org.peerchain.node;

import java.util.List;
import org.peerchain.events.EventBus;
import org.peerchain.mining.Miner;
import org.peerchain.mining.MiningStats;
import org.peerchain.node.api.FoundBlock;
import org.peerchain.node.api.MiningControl;
import org.peerchain.node.api.MiningSnapshot;
import org.peerchain.node.api.NodeEvent;

/** The mining service: start, stop, threads, numbers and found blocks, over the node's {@link MiningService}. */
final class MiningControls implements MiningControl {
    private final Node node;
    private final EventBus apiEvents;
    private volatile boolean pauseWhileSyncing;

    MiningControls(Node node, EventBus apiEvents) {
        this.node = node;
        this.apiEvents = apiEvents;
        node.events().subscribe(MiningStats.class, s -> apiEvents.publish(new NodeEvent.Mining(snapshot(s))));
    }

    @Override
    public void start() {
        node.mining().start();
    }

    @Override
    public void stop() {
        node.mining().stop();
    }

    @Override
    public void setThreads(int threads) {
        node.mining().setThreads(threads);
    }

    @Override
    public int maxThreads() {
        return Miner.maxThreads();
    }

    @Override
    public MiningSnapshot snapshot() {
        return snapshot(node.mining().stats());
    }

    private MiningSnapshot snapshot(MiningStats s) {
        var payout = node.mining().payoutAddress();
        return new MiningSnapshot(s.running(), s.threads(), maxThreads(), s.hashesPerSecond(),
                s.perThreadHashesPerSecond(), s.hashesDone(), s.blocksFound(), s.staleBlocks(), s.difficulty(),
                s.expectedSecondsToBlock(), s.dailyBlockChance(), payout == null ? "" : payout.encode(), "", false,
                System.currentTimeMillis());
    }

    @Override
    public List<FoundBlock> foundBlocks() {
        return List.of();
    }

    @Override
    public void setPauseWhileSyncing(boolean pause) {
        pauseWhileSyncing = pause;
    }

    @Override
    public boolean pauseWhileSyncing() {
        return pauseWhileSyncing;
    }

    /** Stops this service's own timers and subscriptions (the node closes its parts). */
    void close() {
    }
}
