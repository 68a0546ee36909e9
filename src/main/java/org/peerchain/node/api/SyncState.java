package org.peerchain.node.api;

/**
 * The node's sync state. {@code secondsLeft} is -1 while the rate is not known.
 *
 * @param height the active chain's height
 * @param targetHeight the best height known from peers' headers
 * @param blocksPerSecond the measured download and connect rate
 * @param syncing whether blocks are being downloaded to catch up
 */
public record SyncState(int height, int targetHeight, double blocksPerSecond, long secondsLeft, boolean syncing) {
    /** Fraction done, 0 to 1. */
    public double fraction() {
        return targetHeight <= 0 ? 1.0 : Math.min(1.0, (double) height / targetHeight);
    }
}
