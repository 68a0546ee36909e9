package org.peerchain.chain;

/** Where a known block stands. */
public enum BlockStatus {
    /** Its header is valid and it extends a known branch, but its transactions have not arrived. */
    HEADER_ONLY,
    /** Header and transactions are stored; they pass every check that needs no UTXO set. */
    HAVE_DATA,
    /** It, or a block it builds on, broke a rule: never connected again. */
    FAILED
}
