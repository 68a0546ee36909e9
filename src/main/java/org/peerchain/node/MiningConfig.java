package org.peerchain.node;

/**
 * How the node mines: {@code --mine}, {@code --threads N} (-1 = every core) and {@code --mine-to ADDRESS}
 * (null: pay a key kept in the data directory).
 */
public record MiningConfig(boolean mine, int threads, String mineTo) {
    /** Mining off, one thread when started later, paying the node's own key. */
    public static final MiningConfig OFF = new MiningConfig(false, 1, null);
    /** {@code --threads -1} and {@code setgenerate true -1}: one thread per core. */
    public static final int ALL_CORES = -1;

    /** The thread count this asks for on a machine with {@code cores} cores. */
    public int resolvedThreads(int cores) {
        return threads == ALL_CORES ? cores : threads;
    }
}
