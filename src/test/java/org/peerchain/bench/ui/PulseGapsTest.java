package org.peerchain.bench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Gaps between pulses in a span: the longest, the 99th percentile, a gap begun before the span counted from its start. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PulseGapsTest {
    private static final long MS = 1_000_000;

    @Test
    void theLongestAndThe99thPercentileOfTheGapsEndingInTheSpan() {
        long[] times = new long[201];
        for (int i = 1; i < times.length; i++) {
            times[i] = times[i - 1] + (i == 20 || i == 40 || i == 60 || i == 150 ? 80 : 16) * MS;
        }
        double[] all = PulseGaps.p99AndMax(times, times[0], Long.MAX_VALUE);
        assertEquals(80, all[1], 1e-9);
        assertEquals(80, all[0], 1e-9, "4 of 200 gaps are long: the 99th percentile (the 198th smallest) is one of them");

        double[] afterFirst = PulseGaps.p99AndMax(times, times[100], Long.MAX_VALUE);
        assertEquals(80, afterFirst[1], 1e-9);
        assertEquals(16, afterFirst[0], 1e-9, "1 of 100 gaps is long: the 99th percentile (the 99th smallest) is a short one");
    }

    @Test
    void aGapBegunBeforeTheSpanCountsFromItsStartAndAnEmptySpanHasNone() {
        long[] times = {0, 100 * MS, 116 * MS};
        assertEquals(40, PulseGaps.longest(times, 60 * MS, 110 * MS), 1e-9);
        assertEquals(0, PulseGaps.longest(times, 200 * MS, 300 * MS));
        assertTrue(Double.isNaN(PulseGaps.p99AndMax(times, 200 * MS, 300 * MS)[0]));
    }
}
