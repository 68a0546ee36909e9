package org.peerchain.node.api;

/**
 * What the wallet tells its front ends, through {@link NodeServices#subscribe} (subscribe to this type for all of
 * them). Published on the wallet's own event thread, in order; numbers, never preformatted text.
 */
public sealed interface WalletEvent {
    /** A transaction is new to the wallet ({@code added}) or changed (confirmed, conflicted, relabelled ...). */
    record TransactionChanged(WalletTransactionRow transaction, boolean added, WalletBalance balance)
            implements WalletEvent {
    }

    /** The chain has a new tip: every confirmed transaction has one more confirmation; the balance as it now is. */
    record ConfirmationsAdvanced(int height, WalletBalance balance) implements WalletEvent {
    }

    /** A receive address was handed out or relabelled. */
    record AddressAdded(ReceiveAddress address) implements WalletEvent {
    }

    /** The wallet was locked or unlocked ({@code unlockedUntil} in epoch seconds, 0 when locked). */
    record LockChanged(boolean locked, long unlockedUntil) implements WalletEvent {
    }

    /** A scan of the chain for the wallet's coins (after a restore): at {@code height} of {@code tipHeight}. */
    record RescanProgress(int height, int tipHeight, boolean done) implements WalletEvent {
        /** 0 to 1. */
        public double fraction() {
            return tipHeight <= 0 ? 1 : Math.min(1, (double) height / tipHeight);
        }
    }

    /** A wallet was created or restored and the node has opened it (or failed to: {@code problem} says why). */
    record Loaded(WalletState state, String problem) implements WalletEvent {
    }
}
