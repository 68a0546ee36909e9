package org.peerchain.mining;

import org.peerchain.core.Block;

/**
 * Observes a miner. Called on mining threads and on the {@code mining-stats} thread: keep each call
 * short, and hand UI updates to the UI's own dispatcher. An exception thrown here is logged and ignored.
 */
public interface MiningListener {
    /** At most about once per stats interval while mining, and once when mining stops. */
    default void onStats(MiningStats stats) {
    }

    /** A found block the sink took. */
    default void onBlockFound(Block block) {
    }

    /** New work reached the mining threads. */
    default void onWorkStarted(WorkSwitch workSwitch) {
    }

    default void onError(MiningError error) {
    }
}
