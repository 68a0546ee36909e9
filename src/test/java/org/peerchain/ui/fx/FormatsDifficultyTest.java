package org.peerchain.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Difficulties from regtest's tiny ones to a mainnet-sized one read as numbers a person can compare. */
@Timeout(10)
class FormatsDifficultyTest {
    @Test
    void aTinyRegtestDifficultyShowsItsDigitsAndPowerOfTen() {
        assertEquals("4.66 × 10⁻¹⁰", Formats.difficulty(4.656542373906925e-10), "regtest's bits 0x207fffff");
        assertEquals("1.00 × 10⁻³", Formats.difficulty(0.00099999), "rounding up keeps one digit before the point");
        assertEquals("9.99 × 10⁻⁴", Formats.difficulty(0.000999));
        assertEquals("2.50 × 10⁻²⁰", Formats.difficulty(2.5e-20));
    }

    @Test
    void smallFractionsKeepThreeSignificantDigits() {
        assertEquals("0.00466", Formats.difficulty(0.0046565));
        assertEquals("0.500", Formats.difficulty(0.5));
        assertEquals("0.0123", Formats.difficulty(0.012345));
    }

    @Test
    void oneAndHundredsShowThreeDecimals() {
        assertEquals("1.000", Formats.difficulty(1));
        assertEquals("999.500", Formats.difficulty(999.5));
    }

    @Test
    void thousandsAreGroupedAndMillionsAndUpTakeASuffix() {
        assertEquals("12,345.68", Formats.difficulty(12_345.678));
        assertEquals("1.23 M", Formats.difficulty(1_234_567));
        assertEquals("1.00 G", Formats.difficulty(999_999_999), "rounds into the next unit, not 1000.00 M");
        assertEquals("109.78 T", Formats.difficulty(109.78e12));
        assertEquals("2.00 E", Formats.difficulty(2e18));
        assertEquals("5,000.00 E", Formats.difficulty(5e21), "past the last unit the number grows");
    }

    @Test
    void noDifficultyIsADashAndZeroIsZero() {
        assertEquals("0", Formats.difficulty(0));
        assertEquals("–", Formats.difficulty(Double.NaN));
        assertEquals("–", Formats.difficulty(-1));
        assertEquals("–", Formats.difficulty(Double.POSITIVE_INFINITY));
    }
}
