package org.peerchain.node.api;

import java.util.List;
import org.peerchain.core.OutPoint;

/**
 * A send to review: one or more recipients, the fee rate in base units per byte, whether the recipients pay the fee
 * out of their amounts (in equal shares), the coins to spend (coin control: exactly these; empty lets the wallet
 * choose) and a label kept on the transaction.
 */
public record SendRequest(List<Recipient> recipients, long feeRate, boolean subtractFee, List<OutPoint> coins,
        String label) {
    public SendRequest {
        recipients = List.copyOf(recipients);
        coins = List.copyOf(coins);
        label = label == null ? "" : label;
    }

    public static SendRequest to(String address, long amount, long feeRate) {
        return new SendRequest(List.of(new Recipient(address, amount)), feeRate, false, List.of(), "");
    }

    /** A recipient: the address as typed and the amount in base units. */
    public record Recipient(String address, long amount) {
    }
}
