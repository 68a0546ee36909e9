package org.peerchain.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class AmountParserTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1.5 | 150000000", "12 | 1200000000", ".25 | 25000000", "0.00000001 | 1",
        " 3.10 | 310000000", "0 | 0", "21000000 | 2100000000000000", "1. | 100000000", "1,000.5 | 100050000000",
        "1.20 PCH | 120000000"})
    void decimalsBecomeBaseUnits(String text, long units) {
        assertEquals(units, AmountParser.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.2.3 | 1.2.3 is not a number",
            "1,5 | 1,5 is not a number",
            "abc | abc is not a number",
            "1e3 | 1e3 is not a number",
            "-1 | an amount cannot be below zero",
            "0.123456789 | 0.123456789 has more than 8 decimals (the smallest amount is 0.00000001)",
            "21000000.00000001 | 21000000.00000001 is more than there will ever be",
            "99999999999999999999 | 99999999999999999999 is more than there will ever be"})
    void wrongInputIsRefusedWithTheReasonInWords(String text, String reason) {
        assertEquals(reason, assertThrows(IllegalArgumentException.class, () -> AmountParser.parse(text)).getMessage());
    }

    @Test
    void blankAsksForAnAmountAndARequestNeedsMoreThanZero() {
        assertEquals("enter an amount", assertThrows(IllegalArgumentException.class, () -> AmountParser.parse("  "))
                .getMessage());
        assertEquals("enter an amount", assertThrows(IllegalArgumentException.class, () -> AmountParser.parse(null))
                .getMessage());
        assertEquals("the amount must be more than zero", assertThrows(IllegalArgumentException.class,
                () -> AmountParser.parsePositive("0.00")).getMessage());
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
