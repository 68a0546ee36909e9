package org.peerchain.node.api;

import java.util.List;
import org.peerchain.core.OutPoint;

/**
 * A send built and not yet made, for the confirmation dialog: the coins it spends, its outputs (recipients, then our
 * change), the fee and fee rate (base units per byte), what leaves the wallet ({@code total}: paid to others plus
 * the fee), the spendable balance left after it, and its size in bytes. Pass it to
 * {@link WalletService#confirm} to sign and send it; {@code id} names it there.
 */
public record SendReview(long id, List<Input> inputs, List<Output> outputs, long fee, long feeRate, long total,
        long balanceLeft, long sizeBytes) {
    public SendReview {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** What the recipients get in all. */
    public long paid() {
        return outputs.stream().filter(o -> !o.change()).mapToLong(Output::amount).sum();
    }

    public record Input(OutPoint outpoint, long amount, String address) {
    }

    /** An output; {@code change} when it comes back to this wallet as change. */
    public record Output(String address, long amount, boolean change) {
    }
}
