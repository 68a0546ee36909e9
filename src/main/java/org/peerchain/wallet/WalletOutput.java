package org.peerchain.wallet;

import org.peerchain.core.Address;
import org.peerchain.core.OutPoint;

/** An unspent output of the wallet (bitcoind's {@code listunspent} entry). {@code safe}: confirmed, or our own change. */
public record WalletOutput(OutPoint outpoint, Address address, String label, long amount, int confirmations,
        KeyPath keyPath, boolean safe) {
}
