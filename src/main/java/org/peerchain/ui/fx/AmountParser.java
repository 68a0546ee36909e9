package org.peerchain.ui.fx;

import java.math.BigDecimal;

/**
 * The one place where a typed amount of coins becomes base units. Wrong input is refused with a sentence that names
 * what is wrong, to show next to the field: "1.2.3 is not a number", "0.000000001 has more than 8 decimals".
 */
public final class AmountParser {
    /** Coins have 8 decimals: one base unit is 0.00000001. */
    public static final int DECIMALS = 8;
    /** More coins than will ever exist: anything above is surely a slip of the finger. */
    public static final long MAX_COINS = 21_000_000_000L;

    private AmountParser() {
    }

    /**
     * Parses {@code text} ("1.5", "0.0001", " 20 ", "1,000.5" with thousands commas) as a positive amount of coins.
     *
     * @return the amount in base units
     * @throws IllegalArgumentException with the reason in words
     */
    public static long parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the amount is empty");
        }
        String digits = s.endsWith(" PCH") ? s.substring(0, s.length() - 4).strip() : s;
        if (digits.matches("\\d{1,3}(,\\d{3})+(\\.\\d*)?")) {
            digits = digits.replace(",", "");
        }
        if (!digits.matches("\\d*\\.?\\d*") || digits.equals(".")) {
            throw new IllegalArgumentException(digits.startsWith("-") ? s + " is negative: give an amount above zero"
                    : s + " is not a number");
        }
        BigDecimal coins = new BigDecimal(digits.startsWith(".") ? "0" + digits : digits);
        if (coins.stripTrailingZeros().scale() > DECIMALS) {
            throw new IllegalArgumentException(s + " has more than " + DECIMALS + " decimals");
        }
        if (coins.signum() == 0) {
            throw new IllegalArgumentException("the amount must be more than zero");
        }
        if (coins.compareTo(BigDecimal.valueOf(MAX_COINS)) > 0) {
            throw new IllegalArgumentException(s + " is more coins than will ever exist");
        }
        return coins.movePointRight(DECIMALS).longValueExact();
    }
}
