package org.peerchain.core;

/** An output: an amount in base units paid to the holder of the key whose hash is {@code keyHash}. */
public record TxOutput(long amount, KeyHash keyHash) {
    public TxOutput {
        if (keyHash == null) {
            throw new IllegalArgumentException("an output needs a key hash");
        }
    }
}
