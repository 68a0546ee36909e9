package org.peerchain.mempool;

import org.peerchain.core.Hash;

/** What the mempool publishes. */
public sealed interface MempoolEvent {
    record TxAccepted(MempoolEntry entry) implements MempoolEvent {
    }

    record TxRemoved(Hash txid, Reason reason) implements MempoolEvent {
    }

    enum Reason {
        /** A block confirmed it. */
        CONFIRMED,
        /** A block spent one of its inputs in another transaction. */
        CONFLICT,
        /** Pushed out by better-paying transactions when the pool was full. */
        EVICTED,
        /** A reorganisation made it invalid (its inputs vanished with the old branch). */
        REORG
    }
}
