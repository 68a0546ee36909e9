package org.peerchain.core;

import java.util.Arrays;

/**
 * An input: the output it spends, the Ed25519 public key that output was paid to, and the signature.
 * A coinbase input spends {@link OutPoint#NULL}, has no key, and carries its coinbase data (the block
 * height and an extra nonce) where a signature would be.
 */
public final class TxInput {
    private final OutPoint prevout;
    private final byte[] publicKey;
    private final byte[] signature;

    public TxInput(OutPoint prevout, byte[] publicKey, byte[] signature) {
        if (prevout == null) {
            throw new IllegalArgumentException("an input needs an outpoint");
        }
        this.prevout = prevout;
        this.publicKey = publicKey.clone();
        this.signature = signature.clone();
    }

    public static TxInput coinbase(byte[] coinbaseData) {
        return new TxInput(OutPoint.NULL, new byte[0], coinbaseData);
    }

    public OutPoint prevout() {
        return prevout;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** The coinbase data of a coinbase input (stored where a signature would be). */
    public byte[] coinbaseData() {
        return signature.clone();
    }

    int publicKeyLength() {
        return publicKey.length;
    }

    int signatureLength() {
        return signature.length;
    }

    public TxInput withSignature(byte[] newSignature) {
        return new TxInput(prevout, publicKey, newSignature);
    }

    void writeTo(CanonicalWriter w, boolean withSignature) {
        w.hash(prevout.txid()).u32(prevout.index()).bytes(publicKey);
        w.bytes(withSignature ? signature : new byte[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxInput i && prevout.equals(i.prevout) && Arrays.equals(publicKey, i.publicKey)
                && Arrays.equals(signature, i.signature);
    }

    @Override
    public int hashCode() {
        return prevout.hashCode() * 31 + Arrays.hashCode(signature);
    }
}
