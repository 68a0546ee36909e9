package org.peerchain.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whole numbers read with thousands separators, the same as {@code String.format("%,d")} in the root locale. */
@Timeout(10)
class FormatsCountTest {
    @Test
    void groupsOfThreeFromTheRight() {
        assertEquals("0", Formats.count(0));
        assertEquals("999", Formats.count(999));
        assertEquals("1,000", Formats.count(1_000));
        assertEquals("39,637", Formats.count(39_637));
        assertEquals("100,000", Formats.count(100_000));
        assertEquals("1,234,567", Formats.count(1_234_567));
    }

    @Test
    void negativesAndTheExtremesMatchTheFormatter() {
        for (long n : new long[] {-1, -999, -1_000, -12_345_678, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
            assertEquals(String.format(Locale.ROOT, "%,d", n), Formats.count(n), "for " + n);
        }
    }
}
