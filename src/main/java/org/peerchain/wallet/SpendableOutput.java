package org.peerchain.wallet;

import org.peerchain.core.OutPoint;

/** An output the wallet can spend: where it is, how much it holds, and which of our keys it pays. */
public record SpendableOutput(OutPoint outpoint, long amount, KeyPath keyPath) {
    public SpendableOutput {
        if (outpoint == null || keyPath == null) {
            throw new IllegalArgumentException("a spendable output needs an outpoint and a key path");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("a spendable output holds a positive amount, not " + amount);
        }
    }
}
