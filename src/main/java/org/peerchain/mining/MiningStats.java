package org.peerchain.mining;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the miner, published about once a second: plain values a view-model can copy into
 * properties.
 *
 * @param running whether mining threads are running
 * @param threads the configured number of mining threads
 * @param hasherPath which SHA-256 implementation hashes ("jdk-intrinsic", "cloned-digest", ...)
 * @param hashesPerSecond total rate over the sliding window
 * @param perThreadHashesPerSecond one rate per thread over the same window
 * @param hashesDone hashes since the miner was made
 * @param blocksFound blocks the sink took
 * @param staleBlocks valid blocks found that another block beat to the tip
 * @param lastBlockTime when the last of them was found
 * @param bits the compact target of the current work, 0 before any work
 * @param difficulty the maximum target divided by the current one, 0 before any work
 * @param expectedSecondsToBlock mean time to a block at this rate; infinite at rate 0
 * @param dailyBlockChance the chance of at least one block in the next 24 hours at this rate
 */
public record MiningStats(
        Instant time,
        boolean running,
        int threads,
        String hasherPath,
        double hashesPerSecond,
        List<Double> perThreadHashesPerSecond,
        long hashesDone,
        long blocksFound,
        long staleBlocks,
        Optional<Instant> lastBlockTime,
        long bits,
        double difficulty,
        double expectedSecondsToBlock,
        double dailyBlockChance) {

    public MiningStats {
        perThreadHashesPerSecond = List.copyOf(perThreadHashesPerSecond);
    }
}
