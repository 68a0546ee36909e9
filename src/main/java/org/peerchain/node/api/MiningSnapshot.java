package org.peerchain.node.api;

import java.util.List;

/**
 * The miner's state and numbers.
 *
 * @param payoutAddress where mined coins go, empty when there is none yet
 * @param problem empty, or in words why mining cannot start or would be wasted ("still syncing: you would be mining
 *        on an old tip")
 * @param pausedForSync mining is on but waiting for the sync to finish
 */
public record MiningSnapshot(boolean running, int threads, int maxThreads, double hashesPerSecond,
        List<Double> perThreadHashesPerSecond, long hashesDone, long blocksFound, long staleBlocks, double difficulty,
        double expectedSecondsToBlock, double dailyBlockChance, String payoutAddress, String problem,
        boolean pausedForSync, long timeMillis) {
    public MiningSnapshot {
        perThreadHashesPerSecond = List.copyOf(perThreadHashesPerSecond);
    }
}
