package org.peerchain.ui.fx;

import java.math.BigDecimal;
import org.peerchain.consensus.ChainParams;

/**
 * The one place where a typed amount of coins becomes base units. It takes a decimal with a point ("1.5", ".25",
 * "12"), thousands grouped with commas ("1,000.5") and a trailing " PCH" as the screens show amounts; anything else
 * is refused with the reason in words, which the screen shows next to the field.
 */
public final class AmountParser {
    /** Base units in a coin: amounts have at most this many decimals. */
    public static final int DECIMALS = 8;
    private static final String UNIT = " PCH";

    private AmountParser() {
    }

    /**
     * {@code text} as base units, zero or more.
     *
     * @throws IllegalArgumentException saying what is wrong: "1.2.3 is not a number", "0.123456789 has more than 8
     *     decimals", "an amount cannot be below zero"
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("enter an amount");
        }
        String digits = t.endsWith(UNIT) ? t.substring(0, t.length() - UNIT.length()).strip() : t;
        if (digits.matches("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?")) {
            digits = digits.replace(",", "");
        }
        if (!digits.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)")) {
            throw new IllegalArgumentException(t + " is not a number");
        }
        BigDecimal coins = new BigDecimal(digits);
        if (coins.signum() < 0) {
            throw new IllegalArgumentException("an amount cannot be below zero");
        }
        if (coins.stripTrailingZeros().scale() > DECIMALS) {
            throw new IllegalArgumentException(t + " has more than " + DECIMALS + " decimals (the smallest amount is "
                    + BigDecimal.ONE.movePointLeft(DECIMALS).toPlainString() + ")");
        }
        BigDecimal units = coins.movePointRight(DECIMALS);
        if (units.compareTo(BigDecimal.valueOf(ChainParams.MAX_MONEY)) > 0) {
            throw new IllegalArgumentException(t + " is more than there will ever be");
        }
        return units.longValueExact();
    }

    /** As {@link #parse}, refusing zero: an amount to request or pay. */
    public static long parsePositive(String text) {
        long units = parse(text);
        if (units == 0) {
            throw new IllegalArgumentException("the amount must be more than zero");
        }
        return units;
    }
}
