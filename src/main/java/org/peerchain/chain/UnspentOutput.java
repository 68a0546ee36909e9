package org.peerchain.chain;

import org.peerchain.consensus.Coin;
import org.peerchain.core.OutPoint;

/** An unspent output with where it is. */
public record UnspentOutput(OutPoint outPoint, Coin coin) {
}
