package org.peerchain.wallet;

/**
 * What the wallet publishes on the node's event bus, for view-models to bind to: its balances after any
 * change to its transactions (a block, a reorganisation, a pending transaction, a send), and its lock state.
 */
public sealed interface WalletEvent {
    /** Transactions of the wallet changed; {@code changedTransactions} of them, leaving these balances. */
    record Changed(WalletBalances balances, int changedTransactions) implements WalletEvent {
    }

    /**
     * The wallet scanning blocks to reach the chain's tip (at start, or at the first unlock of a restored wallet):
     * {@code scanned} of {@code toScan} blocks done, about every hundredth of the way and once at the end.
     */
    record CatchUpProgress(int scanned, int toScan, int tipHeight) implements WalletEvent {
    }

    /** The wallet was unlocked (until {@code walletlock} or the timeout) or locked again. */
    record LockChanged(boolean unlocked) implements WalletEvent {
    }
}
