package org.peerchain.node.api;

import java.util.List;
import java.util.Optional;
import org.peerchain.core.Hash;

/**
 * A transaction with what its inputs spend. Amounts in base units. {@code fee} is 0 for a coinbase and -1 when the
 * spent outputs are not known; {@code confirmations} is 0 in the mempool.
 */
public record TxDetail(Hash txid, boolean coinbase, int sizeBytes, long fee, double feeRatePerByte,
        Optional<Hash> blockHash, int blockHeight, int confirmations, boolean inMempool, List<Input> inputs,
        List<Output> outputs) {

    /** An input and, when known, the output it spends. {@code amount} is -1 and {@code address} empty when not known. */
    public record Input(Optional<Hash> prevTxid, int prevIndex, long amount, String address) {
    }

    /** An output; {@code spent} is empty when it cannot be told (a side-branch block). */
    public record Output(int index, long amount, String address, Optional<Boolean> spent) {
    }
}
