package org.peerchain.node.api;

import java.util.List;

/** Mining in this node: start, stop, threads, its numbers and the blocks it found. */
public interface MiningControl {
    /** Starts mining; a no-op when running. Throws {@link IllegalStateException} saying why when it cannot. */
    void start();

    /** Stops mining and waits for the threads to end (a no-op when stopped). */
    void stop();

    /** 1 to {@link #maxThreads()}; running threads are replaced at once. */
    void setThreads(int threads);

    /** The number of cores. */
    int maxThreads();

    MiningSnapshot snapshot();

    /** The blocks this node found, newest first, with their fate now: the newest thousand. */
    List<FoundBlock> foundBlocks();

    /** Every block this node ever found, including those older than {@link #foundBlocks()} keeps. */
    long foundBlockTotal();

    /** When on, mining waits while the node catches up with its peers and resumes when it has. */
    void setPauseWhileSyncing(boolean pause);

    boolean pauseWhileSyncing();

    /**
     * Pays the coins mined from the next block template on to {@code address} (in this network's format), or, when
     * empty, goes back to the wallet's mining address or the node's own key. Lasts until the node stops.
     *
     * @throws IllegalArgumentException naming what is wrong with the address (checksum, another network)
     */
    void setPayoutAddress(String address);

    /** Where the coins mined now go. */
    PayoutSource payoutSource();
}
