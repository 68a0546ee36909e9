package org.peerchain.bench.ui;

import java.util.Arrays;

/** The gaps between FX pulses in a span of time: their 99th percentile and the longest, in milliseconds. */
final class PulseGaps {
    private PulseGaps() {
    }

    /**
     * The 99th percentile and the longest of the gaps between the pulses {@code times} that end in ({@code from},
     * {@code to}], a gap that began before {@code from} counted from {@code from}; NaN for a span without a pulse.
     */
    static double[] p99AndMax(long[] times, long from, long to) {
        long[] gaps = new long[times.length];
        int n = 0;
        for (int i = 1; i < times.length; i++) {
            if (times[i] > from && times[i] <= to) {
                gaps[n++] = times[i] - Math.max(times[i - 1], from);
            }
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Arrays.sort(gaps, 0, n);
        int at = (int) Math.min(n - 1, Math.ceil(0.99 * n) - 1);
        return new double[] {gaps[at] / 1e6, gaps[n - 1] / 1e6};
    }

    /** The longest gap ending in ({@code from}, {@code to}], counted from {@code from} at the earliest; 0 if none. */
    static double longest(long[] times, long from, long to) {
        double max = p99AndMax(times, from, to)[1];
        return Double.isNaN(max) ? 0 : max;
    }
}
