package org.peerchain.mempool;

import org.peerchain.core.Transaction;

/** An unconfirmed transaction with its fee, size and arrival time (seconds). */
public record MempoolEntry(Transaction tx, long fee, int size, long time) {
    /** Fee per byte, the order of mining and eviction. */
    public double feeRate() {
        return (double) fee / size;
    }
}
