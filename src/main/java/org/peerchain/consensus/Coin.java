package org.peerchain.consensus;

import org.peerchain.core.TxOutput;

/** An unspent output as the UTXO set holds it: the output, the height of its block, and whether a coinbase made it. */
public record Coin(TxOutput output, int height, boolean coinbase) {
}
