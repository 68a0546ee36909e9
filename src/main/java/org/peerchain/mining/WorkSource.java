package org.peerchain.mining;

/**
 * Where the miner gets work: the block-template builder. Called from the thread that calls
 * {@link Miner#newWork()} or {@link Miner#start()}, and from mining threads when a nonce space runs out,
 * so it must be thread-safe.
 */
@FunctionalInterface
public interface WorkSource {
    /**
     * Work for the current tip whose coinbase carries {@code extraNonce} (unique per call, so no two
     * calls give the same merkle root), or null when there is nothing to mine yet (the miner idles until
     * {@link Miner#newWork()}). An exception is reported to listeners as {@link MiningError#WORK_SOURCE_FAILED}.
     */
    Work nextWork(long extraNonce);
}
