package org.peerchain.node.api;

import java.util.List;

/** What a running node tells its front ends: numbers, never preformatted text. */
public sealed interface NodeEvent {
    /**
     * A lifecycle step. {@code progress} is 0 to 1, or -1 when the step cannot measure itself; {@code detail} is
     * empty or a short fact ("1,204 of 39,637 blocks"); on {@code FAILED} it is the reason with what to do.
     */
    record Lifecycle(LifecycleStep step, double progress, String detail) implements NodeEvent {
    }

    /** The active chain has a new tip; {@code headerHeight} is the best header known (above the tip while syncing). */
    record TipChanged(int height, org.peerchain.core.Hash hash, long time, boolean reorganised, int headerHeight)
            implements NodeEvent {
    }

    /** Sync progress, a few times a second while blocks download, once when done ({@code syncing} false). */
    record Sync(SyncState state) implements NodeEvent {
    }

    /** Every connected peer and the node's traffic totals, at most once a second. */
    record Peers(PeerSnapshot snapshot) implements NodeEvent {
    }

    /** The ban list changed (a ban by hand, a misbehaving peer banned, an unban, an expiry). */
    record BansChanged(List<BanInfo> bans) implements NodeEvent {
    }

    /** The miner's numbers, about once a second while mining and once when it stops or its settings change. */
    record Mining(MiningSnapshot snapshot) implements NodeEvent {
    }

    /**
     * The blocks this node found, newest first, each with its fate now (a block found, matured, orphaned ...): the
     * newest thousand; {@code totalFound} counts every block the node ever found.
     */
    record FoundBlocks(List<FoundBlock> blocks, long totalFound) implements NodeEvent {
    }

    /**
     * The transaction index's background build moved: sent when a build starts, a few times a second at most while
     * it runs, and once at its end ({@code building} false, the index at the tip).
     */
    record TxIndex(TxIndexState state) implements NodeEvent {
    }

    /** The mempool's size changed. */
    record Mempool(int transactions, long bytes) implements NodeEvent {
    }
}
