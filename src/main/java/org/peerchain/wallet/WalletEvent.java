package org.peerchain.wallet;

import java.util.List;
import org.peerchain.core.Address;
import org.peerchain.core.Hash;

/**
 * What the wallet publishes on the node's event bus: its balances after any change to its transactions (a block, a
 * reorganisation, a pending transaction, a send) with the transactions that changed, its lock state, addresses it
 * hands out, and the progress of a scan of the chain.
 */
public sealed interface WalletEvent {
    /**
     * Transactions of the wallet changed: {@code added} are new to it, {@code changed} all that changed (added ones
     * too), leaving these balances.
     */
    record Changed(WalletBalances balances, List<Hash> changed, List<Hash> added) implements WalletEvent {
        public Changed {
            changed = List.copyOf(changed);
            added = List.copyOf(added);
        }

        public int changedTransactions() {
            return changed.size();
        }
    }

    /** The wallet was unlocked (until {@code walletlock} or the timeout) or locked again. */
    record LockChanged(boolean unlocked) implements WalletEvent {
    }

    /** A receive address was handed out, or the label of one of our addresses changed. */
    record AddressChanged(Address address, String label, boolean issued) implements WalletEvent {
    }

    /**
     * The wallet scanning blocks to reach the chain's tip (at start, or at the first unlock of a restored wallet):
     * at {@code height} of {@code tipHeight}, {@code scanned} of {@code toScan} blocks done, about every hundredth of
     * the way, and once more with {@code done} at the end.
     */
    record ScanProgress(int height, int tipHeight, int scanned, int toScan, boolean done) implements WalletEvent {
    }
}
