package org.peerchain.chain;

import org.peerchain.core.Hash;

/** Summary of the UTXO set at a tip, as bitcoind's gettxoutsetinfo reports it. */
public record UtxoStats(int height, Hash bestBlock, long txouts, long totalAmount) {
}
