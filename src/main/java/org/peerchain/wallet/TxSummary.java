package org.peerchain.wallet;

import org.peerchain.core.Hash;

/**
 * A wallet transaction as a history row: where it stands, its confirmations (as {@link WalletTransaction}), its
 * block height (-1 when in none), its time, the net change to the balance with the fee included ({@code net},
 * negative for a send), the fee when we paid it (positive, 0 otherwise), and its label: the one set on the
 * transaction, else the label of the first of our addresses it pays that has one. {@code maturesAtHeight} is the
 * tip height at which a coinbase becomes spendable (-1 for others).
 */
public record TxSummary(Hash txid, TxState state, int confirmations, int height, long time, long net, long fee,
        boolean coinbase, boolean immature, int maturesAtHeight, String label) {
}
