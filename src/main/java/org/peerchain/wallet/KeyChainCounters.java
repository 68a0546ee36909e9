package org.peerchain.wallet;

/** How many keys of each chain the wallet has handed out: the next receive and change indices. */
public record KeyChainCounters(int nextReceive, int nextChange) {
    public static final KeyChainCounters START = new KeyChainCounters(0, 0);

    public KeyChainCounters {
        if (nextReceive < 0 || nextChange < 0) {
            throw new IllegalArgumentException("key counters cannot be negative: " + nextReceive + ", " + nextChange);
        }
    }

    public int next(int chain) {
        return chain == KeyPath.RECEIVE ? nextReceive : nextChange;
    }

    public KeyChainCounters advance(int chain) {
        return chain == KeyPath.RECEIVE ? new KeyChainCounters(Math.addExact(nextReceive, 1), nextChange)
                : new KeyChainCounters(nextReceive, Math.addExact(nextChange, 1));
    }
}
