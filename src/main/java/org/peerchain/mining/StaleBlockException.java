package org.peerchain.mining;

/**
 * Thrown by a {@link BlockSink} for a found block that is valid but did not become the tip: another block at
 * the same height got there first (a race every miner loses now and then, and often while it syncs). The
 * miner counts it as stale and goes on; it is not a mining error.
 */
public final class StaleBlockException extends Exception {
    private static final long serialVersionUID = 1L;

    public StaleBlockException(String message) {
        super(message);
    }
}
