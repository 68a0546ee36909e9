package org.peerchain.node.api;

import java.util.List;
import java.util.Optional;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;

/**
 * A transaction with what its inputs spend. Amounts in base units. {@code fee} is 0 for a coinbase and -1 when the
 * spent outputs are not known; {@code confirmations} is 0 in the mempool and -1 in a block off the active chain;
 * {@code blockHeight} and {@code blockTime} are -1 and 0 in the mempool, where {@code time} is when it arrived.
 * {@code transaction} is the transaction itself, for raw views (its hex, {@code getrawtransaction}).
 */
public record TxDetail(Hash txid, boolean coinbase, int sizeBytes, long fee, double feeRatePerByte,
        Optional<Hash> blockHash, int blockHeight, long blockTime, int confirmations, boolean inMempool, long time,
        List<Input> inputs, List<Output> outputs, Transaction transaction) {

    public TxDetail {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** What the outputs pay in all. */
    public long totalOutput() {
        return outputs.stream().mapToLong(Output::amount).sum();
    }

    /**
     * An input and, when known, the output it spends: {@code amount} is -1 and {@code address} empty when not known;
     * {@code prevHeight} is the height of the block holding that output (-1 unconfirmed or not known), so it can be
     * found without the transaction index. A coinbase's one input has no {@code prevTxid}.
     */
    public record Input(Optional<Hash> prevTxid, int prevIndex, long amount, String address, int prevHeight) {
    }

    /** An output; {@code spent} is empty when it cannot be told (a block off the active chain, the genesis block). */
    public record Output(int index, long amount, String address, Optional<Boolean> spent) {
    }
}
