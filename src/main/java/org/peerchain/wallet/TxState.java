package org.peerchain.wallet;

/** Where a wallet transaction stands with respect to the active chain. */
public enum TxState {
    /** Not in a block of the active chain (in the mempool, or waiting to be re-accepted after a reorganisation). */
    PENDING,
    /** In a block of the active chain. */
    CONFIRMED,
    /** Another transaction spending one of its inputs is in the active chain: it can never confirm. */
    CONFLICTED,
    /** A coinbase whose block left the active chain: its reward is gone. */
    ORPHANED
}
