package org.peerchain.node.api;

import org.peerchain.core.Hash;

/**
 * A chain tip as {@code getchaintips} reports it: {@code branchLength} blocks above the point where its branch
 * leaves the active chain (0 for the active tip); {@code status} is one of the constants below.
 */
public record ChainTip(int height, Hash hash, int branchLength, String status) {
    public static final String ACTIVE = "active";
    /** A complete, valid branch with less work than the active chain: a stale branch. */
    public static final String VALID_FORK = "valid-fork";
    /** A branch some of whose blocks have not been downloaded. */
    public static final String HEADERS_ONLY = "headers-only";
    /** A branch holding a block that broke a rule. */
    public static final String INVALID = "invalid";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
