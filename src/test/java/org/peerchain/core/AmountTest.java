package org.peerchain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class AmountTest {
    private static void assertParseFails(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Amount.parse(text));
        assertTrue(e.getMessage().contains(expected), "'" + text + "': " + e.getMessage());
    }

    @Test
    void parsesCoinsIntoBaseUnits() {
        assertEquals(1_250_000_000L, Amount.parse("12.5"));
        assertEquals(1, Amount.parse("0.00000001"));
        assertEquals(100_000_000L, Amount.parse(" 1 "));
        assertEquals(0, Amount.parse("0"));
        assertEquals(Amount.COIN, Amount.parse("1.00000000000"), "trailing zeros are not extra precision");
        assertEquals(Amount.coins(21_000_000), Amount.parse("21000000"));
    }

    @Test
    void formatsWithEightDecimalsAsBitcoindDoes() {
        assertEquals("12.50000000", Amount.format(1_250_000_000L));
        assertEquals("0.00000001", Amount.format(1));
        assertEquals("0.00000000", Amount.format(0));
        for (long units : new long[] {1, 99_999_999, 1_250_000_000L, Long.MAX_VALUE}) {
            assertEquals(units, Amount.parse(Amount.format(units)));
        }
    }

    @Test
    void rejectsMoreThanEightDecimals() {
        assertParseFails("0.000000001", "more than 8 decimal places");
    }

    @Test
    void rejectsNegativeAmounts() {
        assertParseFails("-1", "negative");
    }

    @Test
    void rejectsTextThatIsNotANumber() {
        assertParseFails("twelve", "'twelve' is not a number");
        assertParseFails("1,5", "not a number");
        assertParseFails("", "empty");
        assertParseFails(null, "empty");
    }

    @Test
    void rejectsAmountsBeyondWhatALongHolds() {
        assertParseFails("100000000000", "too large");
        assertParseFails("92233720368.54775808", "too large");
        assertEquals(Long.MAX_VALUE, Amount.parse("92233720368.54775807"));
        assertThrows(ArithmeticException.class, () -> Amount.coins(Long.MAX_VALUE / 10));
    }
}
