package org.peerchain.node.api;

import org.peerchain.core.OutPoint;

/**
 * An unspent output of the wallet, for coin control: where it is, base units, the address it pays and its label,
 * its confirmations, whether it is locked (kept out of automatic selection) and whether it can be spent now
 * ({@code spendable}: confirmed or our own change, and mature).
 */
public record WalletCoin(OutPoint outpoint, long amount, String address, String label, int confirmations,
        boolean locked, boolean spendable) {
}
