package org.peerchain.wallet;

import java.util.List;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;

/**
 * A send built but not yet handed to the node, for a person to review: the inputs it spends, its outputs (the
 * payments in order, then our change at {@code changeIndex}, -1 for none), the fee at {@code feeRate} base units per
 * byte and the size in bytes. {@code signed} is the signed transaction when the wallet was unlocked while drafting,
 * or null: {@link Wallet#commit} signs then. The change output pays the next free change key, which is handed out
 * only when the draft is committed.
 */
public record SendDraft(List<SpendableOutput> inputs, List<TxOutput> outputs, int changeIndex, long fee, long feeRate,
        long sizeBytes, Transaction signed) {
    public SendDraft {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** What the recipients get in all. */
    public long paid() {
        long sum = 0;
        for (int i = 0; i < outputs.size(); i++) {
            if (i != changeIndex) {
                sum += outputs.get(i).amount();
            }
        }
        return sum;
    }

    public long change() {
        return changeIndex < 0 ? 0 : outputs.get(changeIndex).amount();
    }

    public long totalIn() {
        long sum = 0;
        for (SpendableOutput o : inputs) {
            sum += o.amount();
        }
        return sum;
    }
}
