package org.peerchain.node.api;

/** Where a wallet transaction stands, as the Transactions screen shows it. */
public enum WalletTxState {
    /** Not yet in a block. */
    PENDING,
    /** In a block of the active chain. */
    CONFIRMED,
    /** A block reward of ours, mature (spendable). */
    MINED,
    /** A block reward of ours not yet spendable. */
    IMMATURE,
    /** It can never confirm: another transaction spent its coins, or its block (for a reward) left the chain. */
    CONFLICTED
}
