package org.peerchain.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts are {@code long} base units; one coin is 10^8 of them. Parsing and formatting live here. */
public final class Amount {
    public static final long COIN = 100_000_000L;
    public static final int DECIMALS = 8;

    private Amount() {
    }

    public static long coins(long coins) {
        return Math.multiplyExact(coins, COIN);
    }

    /** "12.5" to 1,250,000,000; the message says what is wrong with anything else. */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the amount is empty");
        }
        BigDecimal d;
        try {
            d = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a number");
        }
        return fromCoins(d);
    }

    public static long fromCoins(BigDecimal coins) {
        if (coins.signum() < 0) {
            throw new IllegalArgumentException("the amount is negative");
        }
        if (coins.stripTrailingZeros().scale() > DECIMALS) {
            throw new IllegalArgumentException("the amount has more than 8 decimal places");
        }
        try {
            return coins.movePointRight(DECIMALS).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the amount is too large");
        }
    }

    public static BigDecimal toCoins(long units) {
        return BigDecimal.valueOf(units, DECIMALS);
    }

    /** Eight decimals, as bitcoind prints amounts: "12.50000000". */
    public static String format(long units) {
        return toCoins(units).setScale(DECIMALS, RoundingMode.UNNECESSARY).toPlainString();
    }
}
