package org.peerchain.node.api;

import java.util.List;
import org.peerchain.core.Hash;

/**
 * The mempool. {@code histogram} counts transactions per fee-rate band: band i holds fee rates (units a byte) from
 * {@code bandFloors.get(i)} up to the next floor (the first band also holds anything below its floor, the last
 * everything above). {@code entries} are the transactions highest fee rate first, at most
 * {@link #MAX_ENTRIES} of them; {@code transactions} counts them all.
 */
public record MempoolSummary(int transactions, long bytes, long totalFees, List<Long> bandFloors,
        List<Integer> histogram, List<Entry> entries) {
    /** Fee-rate band floors, units a byte. */
    public static final List<Long> BAND_FLOORS = List.of(1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L);
    /** The most entries a summary lists: a full mempool holds far more than a screen can show. */
    public static final int MAX_ENTRIES = 1_000;

    public MempoolSummary {
        bandFloors = List.copyOf(bandFloors);
        histogram = List.copyOf(histogram);
        entries = List.copyOf(entries);
    }

    /** One unconfirmed transaction; {@code depends} are the mempool transactions it spends, {@code time} its arrival. */
    public record Entry(Hash txid, int sizeBytes, long fee, double feeRatePerByte, long time, List<Hash> depends) {
        public Entry {
            depends = List.copyOf(depends);
        }
    }
}
