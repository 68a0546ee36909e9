package org.peerchain.chain;

/** What became of a block handed to {@link ChainState#processBlock}. Invalid blocks throw instead. */
public enum BlockOutcome {
    /** It is now part of the active chain (perhaps after a reorganisation). */
    ACTIVE,
    /** Valid so far and stored, on a branch with less work than the active chain. */
    SIDE_BRANCH,
    /** Its parent is unknown: held until the parent arrives. */
    ORPHAN,
    /** Already stored. */
    ALREADY_KNOWN
}
