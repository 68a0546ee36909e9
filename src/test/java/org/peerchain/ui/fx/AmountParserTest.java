package org.peerchain.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AmountParserTest {
    private static String refusal(String typed) {
        return assertThrows(IllegalArgumentException.class, () -> AmountParser.parse(typed)).getMessage();
    }

    @Test
    void readsCoinsAsBaseUnits() {
        assertEquals(150_000_000L, AmountParser.parse("1.5"));
        assertEquals(1L, AmountParser.parse("0.00000001"));
        assertEquals(2_000_000_000L, AmountParser.parse(" 20 "));
        assertEquals(50_000_000L, AmountParser.parse(".5"));
        assertEquals(100_050_000_000L, AmountParser.parse("1,000.5"));
        assertEquals(120_000_000L, AmountParser.parse("1.20 PCH"));
    }

    @Test
    void refusesWhatIsNotAnAmountSayingWhy() {
        assertEquals("1.2.3 is not a number", refusal("1.2.3"));
        assertEquals("abc is not a number", refusal("abc"));
        assertEquals("the amount is empty", refusal("  "));
        assertEquals("0.000000001 has more than 8 decimals", refusal("0.000000001"));
        assertEquals("the amount must be more than zero", refusal("0.00"));
        assertEquals("-1 is negative: give an amount above zero", refusal("-1"));
        assertEquals("99999999999 is more coins than will ever exist", refusal("99999999999"));
    }

    @Test
    void formatsPlainCoinsForFilesAndRequests() {
        assertEquals("1.5", Formats.plainCoins(150_000_000L));
        assertEquals("20", Formats.plainCoins(2_000_000_000L));
        assertEquals("-0.0001", Formats.plainCoins(-10_000L));
        assertEquals("0", Formats.plainCoins(0));
        assertEquals("+1.50", Formats.signedCoins(150_000_000L));
        assertEquals("-0.0001", Formats.signedCoins(-10_000L));
        assertEquals("1970-01-01T00:01:40Z", Formats.isoInstant(100));
    }
}
