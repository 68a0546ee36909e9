package org.peerchain.node.api;

/** Where the coins this node mines go. */
public enum PayoutSource {
    /** An address the user chose: {@code --mine-to}, the desktop's payout setting, or {@link MiningControl#setPayoutAddress}. */
    CHOSEN,
    /** The wallet's mining address. */
    WALLET,
    /** A key the node keeps in {@code mining.key} (no wallet, nothing chosen). */
    NODE_KEY
}
