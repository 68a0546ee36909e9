package org.peerchain.core;

/** A reference to one output of a transaction. */
public record OutPoint(Hash txid, long index) {
    /** What a coinbase input points at: it spends nothing. */
    public static final OutPoint NULL = new OutPoint(Hash.ZERO, 0xFFFFFFFFL);

    public OutPoint {
        if (txid == null) {
            throw new IllegalArgumentException("an outpoint needs a txid");
        }
        if (index < 0 || index > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("output index " + index + " is out of range");
        }
    }

    public boolean isNull() {
        return equals(NULL);
    }

    @Override
    public String toString() {
        return txid.toHex() + ":" + index;
    }
}
