package org.peerchain.wallet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.peerchain.core.Amount;

/**
 * Chooses which of the wallet's outputs pay for a send, as pure logic over a list (no chain access).
 *
 * <p>Each output is worth its <em>effective value</em>: its amount less the fee its own input adds. First a
 * branch-and-bound search (as Bitcoin Core's) looks for a set whose effective value covers the amount and fee
 * with an excess no larger than what a change output would cost (making it now and spending it later): such a
 * set needs no change, and the small excess goes to the fee. Otherwise the largest outputs are taken until
 * they cover the send, which uses the fewest inputs. Of the two, the one with fewer inputs wins (ties go to
 * the one without change). Change below {@link #minimumChange(long)} is not worth making and goes to the fee.
 * Outputs worth less than the fee to spend them are never selected.
 */
public final class CoinSelector {
    /** Below this many base units an output is dust: not worth making, and refused as a send amount. */
    public static final long DUST_THRESHOLD = 1_000;
    /** A fee rate above this (base units per byte) is surely a mistake: 0.01 coin per byte. */
    public static final long MAX_FEE_RATE = 1_000_000;
    /** How many steps branch-and-bound may take before it gives up (Bitcoin Core's figure). */
    static final int BNB_MAX_TRIES = 100_000;

    private CoinSelector() {
    }

    /** The least change worth making at {@code feeRate}: not dust, and worth more than the fee to spend it. */
    public static long minimumChange(long feeRate) {
        return Math.max(DUST_THRESHOLD, TransactionSize.INPUT_BYTES * feeRate);
    }

    /** Selects outputs paying {@code amount} to one recipient at {@code feeRate} base units per byte. */
    public static CoinSelection select(List<SpendableOutput> available, long amount, long feeRate)
            throws CoinSelectionException {
        return select(available, amount, feeRate, 1);
    }

    /**
     * Selects outputs paying {@code amount} in all to {@code payments} recipients (each an output of its own, which
     * the fee must cover) at {@code feeRate} base units per byte.
     */
    public static CoinSelection select(List<SpendableOutput> available, long amount, long feeRate, int payments)
            throws CoinSelectionException {
        checkFeeRate(feeRate);
        checkPayments(payments);
        if (amount < DUST_THRESHOLD) {
            throw new CoinSelectionException(CoinSelectionException.Reason.AMOUNT_BELOW_DUST, "the amount "
                    + Amount.format(Math.max(0, amount)) + " is below the dust threshold of " + Amount.format(DUST_THRESHOLD));
        }
        List<SpendableOutput> pool = economic(available, feeRate);
        CoinSelection largestFirst = largestFirst(pool, amount, feeRate, payments);
        if (largestFirst == null) {
            throw insufficient(available, pool, amount, feeRate, payments);
        }
        CoinSelection exact = branchAndBound(pool, amount, feeRate, payments);
        if (exact != null && exact.inputs().size() <= largestFirst.inputs().size()) {
            return exact;
        }
        return largestFirst;
    }

    /** Sends everything worth spending: all outputs worth more than their input's fee, no change. */
    public static CoinSelection selectAll(List<SpendableOutput> available, long feeRate) throws CoinSelectionException {
        return selectAll(available, feeRate, 1);
    }

    /** As {@link #selectAll(List, long)}, the whole amount shared by {@code payments} recipients. */
    public static CoinSelection selectAll(List<SpendableOutput> available, long feeRate, int payments)
            throws CoinSelectionException {
        checkFeeRate(feeRate);
        checkPayments(payments);
        List<SpendableOutput> pool = economic(available, feeRate);
        long total = sum(pool);
        long fee = fee(pool.size(), payments, feeRate);
        long amount = total - fee;
        if (pool.isEmpty() || amount < DUST_THRESHOLD) {
            throw new CoinSelectionException(CoinSelectionException.Reason.AMOUNT_BELOW_DUST, "sending everything "
                    + "would leave " + Amount.format(Math.max(0, amount)) + " after the fee, below the dust threshold of "
                    + Amount.format(DUST_THRESHOLD) + " (the wallet has " + Amount.format(sum(available)) + ")");
        }
        return new CoinSelection(pool, amount, 0, fee);
    }

    /**
     * Spends exactly the {@code chosen} outputs (coin control): all of them, paying {@code amount} to
     * {@code payments} recipients, with change back if it is worth making.
     */
    public static CoinSelection spendChosen(List<SpendableOutput> chosen, long amount, long feeRate, int payments)
            throws CoinSelectionException {
        checkFeeRate(feeRate);
        checkPayments(payments);
        if (amount < DUST_THRESHOLD) {
            throw new CoinSelectionException(CoinSelectionException.Reason.AMOUNT_BELOW_DUST, "the amount "
                    + Amount.format(Math.max(0, amount)) + " is below the dust threshold of " + Amount.format(DUST_THRESHOLD));
        }
        if (chosen.isEmpty() || sum(chosen) - amount < fee(chosen.size(), payments, feeRate)) {
            long fee = fee(Math.max(1, chosen.size()), payments, feeRate);
            throw new CoinSelectionException(CoinSelectionException.Reason.INSUFFICIENT_FUNDS, "insufficient funds: the"
                    + " chosen coins hold " + Amount.format(sum(chosen)) + ", and this send needs " + Amount.format(amount)
                    + " plus a fee of " + Amount.format(fee) + "; choose more coins");
        }
        return withChangeIfWorthIt(chosen, amount, feeRate, payments);
    }

    static long fee(int inputs, int outputs, long feeRate) {
        return Math.multiplyExact(TransactionSize.of(inputs, outputs), feeRate);
    }

    private static long effectiveValue(SpendableOutput o, long feeRate) {
        return o.amount() - (long) TransactionSize.INPUT_BYTES * feeRate;
    }

    /** The outputs worth spending, largest effective value first. */
    private static List<SpendableOutput> economic(List<SpendableOutput> available, long feeRate) {
        List<SpendableOutput> pool = new ArrayList<>();
        for (SpendableOutput o : available) {
            if (effectiveValue(o, feeRate) > 0) {
                pool.add(o);
            }
        }
        pool.sort(Comparator.comparingLong(SpendableOutput::amount).reversed()
                .thenComparing(o -> o.outpoint().toString()));
        return pool;
    }

    private static CoinSelection largestFirst(List<SpendableOutput> pool, long amount, long feeRate, int payments) {
        long total = 0;
        for (int n = 1; n <= pool.size(); n++) {
            total = Math.addExact(total, pool.get(n - 1).amount());
            long leftover = total - amount - fee(n, payments, feeRate);
            if (leftover >= 0) {
                return withChangeIfWorthIt(pool.subList(0, n), amount, feeRate, payments);
            }
        }
        return null;
    }

    /** Adds a change output if what is left after its own fee is worth keeping; otherwise the rest is fee. */
    private static CoinSelection withChangeIfWorthIt(List<SpendableOutput> inputs, long amount, long feeRate,
            int payments) {
        long total = sum(inputs);
        long change = total - amount - fee(inputs.size(), payments + 1, feeRate);
        if (change >= minimumChange(feeRate)) {
            return new CoinSelection(inputs, amount, change, total - amount - change);
        }
        return new CoinSelection(inputs, amount, 0, total - amount);
    }

    /**
     * Depth-first search over include/exclude of each output (largest first) for a set whose effective value
     * lies in [target, target + cost of change], keeping the one with the least excess. Bitcoin Core's
     * iterative form, so 10,000 outputs need no deep recursion.
     */
    private static CoinSelection branchAndBound(List<SpendableOutput> pool, long amount, long feeRate, int payments) {
        int n = pool.size();
        long[] value = new long[n];
        long available = 0;
        for (int i = 0; i < n; i++) {
            value[i] = effectiveValue(pool.get(i), feeRate);
            available += value[i];
        }
        long target = amount + fee(0, payments, feeRate);
        long costOfChange = (long) (TransactionSize.OUTPUT_BYTES + TransactionSize.INPUT_BYTES) * feeRate;
        long upper = target + Math.max(costOfChange, 0);
        int[] selection = new int[n];
        int depth = 0;
        long current = 0;
        int[] best = null;
        int bestDepth = 0;
        long bestExcess = Long.MAX_VALUE;
        int index = 0;
        for (int tries = 0; tries < BNB_MAX_TRIES; tries++, index++) {
            boolean backtrack;
            if (current + available < target || current > upper) {
                backtrack = true;
            } else if (current >= target) {
                long excess = current - target;
                if (excess < bestExcess) {
                    bestExcess = excess;
                    best = selection.clone();
                    bestDepth = depth;
                    if (excess == 0) {
                        break;
                    }
                }
                backtrack = true;
            } else {
                backtrack = false;
            }
            if (backtrack) {
                if (depth == 0) {
                    break;
                }
                for (index--; index > selection[depth - 1]; index--) {
                    available += value[index];
                }
                current -= value[index];
                depth--;
            } else {
                available -= value[index];
                selection[depth++] = index;
                current += value[index];
            }
        }
        if (best == null) {
            return null;
        }
        List<SpendableOutput> inputs = new ArrayList<>(bestDepth);
        for (int i = 0; i < bestDepth; i++) {
            inputs.add(pool.get(best[i]));
        }
        long total = sum(inputs);
        if (total - amount < fee(inputs.size(), payments, feeRate)) {
            return null; // the compact-size input count grew past one byte: not covered after all
        }
        return new CoinSelection(inputs, amount, 0, total - amount);
    }

    private static CoinSelectionException insufficient(List<SpendableOutput> available, List<SpendableOutput> pool,
            long amount, long feeRate, int payments) {
        long fee = fee(Math.max(1, pool.size()), payments, feeRate);
        return new CoinSelectionException(CoinSelectionException.Reason.INSUFFICIENT_FUNDS, "insufficient funds: the "
                + "wallet has " + Amount.format(sum(available)) + " spendable, and this send needs "
                + Amount.format(amount) + " plus a fee of at least " + Amount.format(fee));
    }

    private static void checkFeeRate(long feeRate) throws CoinSelectionException {
        if (feeRate < 0 || feeRate > MAX_FEE_RATE) {
            throw new CoinSelectionException(CoinSelectionException.Reason.INVALID_FEE_RATE, "the fee rate " + feeRate
                    + " base units per byte is outside 0 to " + MAX_FEE_RATE);
        }
    }

    private static void checkPayments(int payments) {
        if (payments < 1) {
            throw new IllegalArgumentException("a send pays at least one recipient, not " + payments);
        }
    }

    private static long sum(List<SpendableOutput> outputs) {
        long s = 0;
        for (SpendableOutput o : outputs) {
            s = Math.addExact(s, o.amount());
        }
        return s;
    }
}
