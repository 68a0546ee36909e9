package org.peerchain.ui.send;

/** The fee choices of the Send screen: three targets the node estimates a rate for, and a rate the user types. */
public enum FeePreset {
    NEXT_BLOCK("Next block", 1),
    WITHIN_SIX_BLOCKS("Within 6 blocks", 6),
    /** About four hours at regtest's and Bitcoin's ten-minute blocks. */
    ECONOMY("Economy", 24),
    CUSTOM("Custom rate", 0);

    private final String title;
    private final int targetBlocks;

    FeePreset(String title, int targetBlocks) {
        this.title = title;
        this.targetBlocks = targetBlocks;
    }

    public String title() {
        return title;
    }

    /** The confirmation target the node's estimate is asked for; 0 for the custom rate. */
    public int targetBlocks() {
        return targetBlocks;
    }

    public boolean estimated() {
        return this != CUSTOM;
    }
}
