package org.peerchain.consensus;

import org.peerchain.core.OutPoint;

/** Read access to a set of unspent outputs. */
@FunctionalInterface
public interface UtxoView {
    /** The unspent coin at {@code outPoint}, or null when there is none (never created, or spent). */
    Coin coin(OutPoint outPoint);
}
