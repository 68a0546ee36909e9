package org.peerchain.node.api;

import org.peerchain.core.Hash;

/**
 * One row of the wallet's history. {@code time} in epoch seconds; {@code height} is -1 when in no block;
 * {@code confirmations} is 0 pending and negative when conflicted; {@code amount} is the net change to the balance
 * in base units, the fee included (negative for a send); {@code fee} is what we paid (positive) or 0 when the
 * transaction was not ours to pay; {@code maturesAtHeight} is the tip height at which a block reward becomes
 * spendable (-1 for other transactions).
 */
public record WalletTransactionRow(Hash txid, long time, int height, int confirmations, long amount, long fee,
        String label, WalletTxState state, boolean coinbase, int maturesAtHeight) {
}
