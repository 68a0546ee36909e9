package org.peerchain.node.api;

import java.util.List;

/**
 * The miner's state and numbers.
 *
 * @param running the mining threads are running (false while paused for a sync)
 * @param hashesPerSecond total rate over the miner's sliding window
 * @param perThreadHashesPerSecond one rate per thread over the same window
 * @param hashesDone hashes since the node started
 * @param blocksFound blocks found and taken since the node started
 * @param staleBlocks valid blocks found since the node started that another block beat to the tip
 * @param difficulty of the work being mined, or of the next block when idle
 * @param expectedSecondsToBlock mean time to a block at this rate; infinite at rate 0
 * @param dailyBlockChance the chance of at least one block in the next 24 hours at this rate
 * @param payoutAddress where mined coins go, empty when there is none yet
 * @param problem empty, or in words why mining cannot start or would be wasted ("The node is still catching up with
 *        its peers (block 1,204 of 39,637): you would be mining on an old tip")
 * @param pausedForSync mining is on but waiting for the sync to finish
 * @param timeMillis when this snapshot was taken
 * @param hasherPath which SHA-256 implementation hashes ("jdk-intrinsic", "cloned-digest", ...)
 * @param lastBlockTime when the last block was found since the node started, seconds since 1970, 0 before any
 */
public record MiningSnapshot(boolean running, int threads, int maxThreads, double hashesPerSecond,
        List<Double> perThreadHashesPerSecond, long hashesDone, long blocksFound, long staleBlocks, double difficulty,
        double expectedSecondsToBlock, double dailyBlockChance, String payoutAddress, String problem,
        boolean pausedForSync, long timeMillis, String hasherPath, long lastBlockTime) {
    public MiningSnapshot {
        perThreadHashesPerSecond = List.copyOf(perThreadHashesPerSecond);
    }

    /** The user asked for mining: the threads run, or wait for the sync to finish. */
    public boolean on() {
        return running || pausedForSync;
    }
}
