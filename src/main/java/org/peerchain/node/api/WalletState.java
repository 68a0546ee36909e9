package org.peerchain.node.api;

/**
 * The wallet at a glance: whether the data directory has one ({@code exists}) and the node has it open
 * ({@code loaded}), whether it is locked and until when it stays unlocked (epoch seconds, 0 when locked), the height
 * of the last block it has followed, and whether it is scanning the chain (after a restore).
 */
public record WalletState(boolean exists, boolean loaded, boolean locked, long unlockedUntil, int height,
        boolean scanning) {
    public static WalletState none() {
        return new WalletState(false, false, true, 0, -1, false);
    }
}
