package org.peerchain.wallet;

import java.util.List;

/**
 * The outcome of coin selection: the inputs to spend, what the recipient gets, the change back to us (0 for
 * none) and the fee, which together add up exactly to the inputs' total.
 */
public record CoinSelection(List<SpendableOutput> inputs, long amount, long change, long fee) {
    public CoinSelection {
        inputs = List.copyOf(inputs);
        if (Math.addExact(Math.addExact(amount, change), fee) != totalIn(inputs)) {
            throw new IllegalArgumentException("amount, change and fee do not add up to the inputs");
        }
    }

    public boolean hasChange() {
        return change > 0;
    }

    public long totalIn() {
        return totalIn(inputs);
    }

    private static long totalIn(List<SpendableOutput> inputs) {
        long sum = 0;
        for (SpendableOutput o : inputs) {
            sum = Math.addExact(sum, o.amount());
        }
        return sum;
    }
}
