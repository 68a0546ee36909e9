package org.peerchain.node.api;

/** The transaction index: on or off, and the height it has reached (equal to the tip once built). */
public record TxIndexState(boolean enabled, int indexedHeight, int chainHeight, boolean building) {
    public double fraction() {
        return chainHeight <= 0 ? 1.0 : Math.min(1.0, (double) Math.max(0, indexedHeight) / chainHeight);
    }
}
