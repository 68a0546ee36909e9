package org.peerchain.node.api;

import java.util.List;
import org.peerchain.core.Hash;

/**
 * The mempool. {@code histogram} counts transactions per fee-rate band: band i holds fee rates (units a byte) from
 * {@code bandFloors.get(i)} up to the next floor.
 */
public record MempoolSummary(int transactions, long bytes, long totalFees, List<Long> bandFloors, List<Integer> histogram,
        List<Entry> entries) {

    public record Entry(Hash txid, int sizeBytes, long fee, double feeRatePerByte, long time) {
    }
}
