package org.peerchain.ui.fx;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one place where numbers become text in the desktop apps: amounts, hash rates, sizes, times, durations.
 * View-models keep numbers; cells and labels format them here, so every screen says things the same way.
 */
public final class Formats {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final long UNITS_PER_COIN = 100_000_000L;

    private Formats() {
    }

    /** Base units as coins with up to 8 decimals, trailing zeros dropped but at least two kept: "12.50 PCH". */
    public static String amount(long units) {
        return coins(units) + " PCH";
    }

    /** Base units as a coin figure alone: "12.5", "0.00001". */
    public static String coins(long units) {
        BigDecimal c = BigDecimal.valueOf(units).movePointLeft(8).stripTrailingZeros();
        if (c.scale() < 2) {
            c = c.setScale(2);
        }
        return c.toPlainString();
    }

    /** Base units as the shortest plain decimal of coins, no unit or separator: "1.5", "20", "-0.0001". */
    public static String plainCoins(long units) {
        BigDecimal c = BigDecimal.valueOf(units).movePointLeft(8).stripTrailingZeros();
        return (c.scale() < 0 ? c.setScale(0) : c).toPlainString();
    }

    /** A change to the balance in coins with its sign, for a table of amounts: "+12.50", "-0.0002". */
    public static String signedCoins(long units) {
        return (units > 0 ? "+" : "") + coins(units);
    }

    /** Seconds since 1970 as an ISO-8601 instant in UTC, for files: "2026-12-05T09:30:00Z". */
    public static String isoInstant(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /** A hash rate with its unit: "850 H/s", "12.3 kH/s", "4.56 MH/s", "1.23 GH/s". */
    public static String hashRate(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2f GH/s", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f MH/s", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f kH/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f H/s", perSecond);
    }

    /** A byte count: "512 B", "1.5 kB", "12.3 MB", "1.02 GB" (powers of 1,000). */
    public static String bytes(long n) {
        if (n < 1_000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
    }

    /** A rate in bytes a second: "1.5 kB/s". */
    public static String byteRate(double perSecond) {
        return bytes(Math.round(perSecond)) + "/s";
    }

    /** A whole number with thousands separators: "39,637". */
    public static String count(long n) {
        // by hand: String.format builds a Formatter and its number symbols at every call, and a table of counts
        // formats thousands of cells while the chain moves
        String digits = n < 0 ? Long.toString(n).substring(1) : Long.toString(n);
        StringBuilder s = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            s.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        s.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            s.append(',').append(digits, i, i + 3);
        }
        return s.toString();
    }

    /** A fraction 0..1 as a percentage: "42%", or "99.9%" near the end. */
    public static String percent(double fraction) {
        double p = 100 * fraction;
        return p > 99 && p < 100 ? String.format(Locale.ROOT, "%.1f%%", p) : String.format(Locale.ROOT, "%.0f%%", p);
    }

    /** Seconds since 1970 as a local date and time: "2026-12-05 09:30:00". */
    public static String dateTime(long epochSeconds) {
        return DATE_TIME.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** Milliseconds since 1970 as a local time of day: "09:30:00". */
    public static String timeOfDay(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A duration in seconds as a person says it: "45 s", "12 min", "3 h 20 min", "4 days"; infinite: "never". */
    public static String duration(double seconds) {
        if (Double.isInfinite(seconds) || Double.isNaN(seconds) || seconds > 1e12) {
            return "never";
        }
        long s = Math.max(0, Math.round(seconds));
        if (s < 90) {
            return s + " s";
        }
        long min = Math.round(s / 60.0);
        if (min < 90) {
            return min + " min";
        }
        long h = s / 3600;
        if (h < 48) {
            long m = (s % 3600) / 60;
            return m == 0 ? h + " h" : h + " h " + m + " min";
        }
        long days = Math.round(s / 86400.0);
        if (days < 730) {
            return days + " days";
        }
        return count(Math.round(s / (365.25 * 86400))) + " years";
    }

    /** How long ago {@code epochMillis} was, from {@code nowMillis}: "just now", "12 s ago", "5 min ago". */
    public static String ago(long epochMillis, long nowMillis) {
        long s = (nowMillis - epochMillis) / 1000;
        return s < 2 ? "just now" : duration(s) + " ago";
    }

    /** A point on a time axis, in whole minutes before {@code nowMillis}: "now", "1 min ago", "10 min ago". */
    public static String minutesAgo(long epochMillis, long nowMillis) {
        long min = Math.round((nowMillis - epochMillis) / 60_000.0);
        return min <= 0 ? "now" : min + " min ago";
    }

    /** A ping in milliseconds, or "–" before the first pong. */
    public static String ping(double millis) {
        if (millis < 0) {
            return "–";
        }
        return millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis) : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    /** Below this a difficulty is shown with a power of ten: regtest's is about 4.66 × 10⁻¹⁰. */
    private static final double DIFFICULTY_SCIENTIFIC_BELOW = 0.001;
    /** From this on a difficulty is shown in millions, billions ... as explorers do: "109.78 T". */
    private static final double DIFFICULTY_SUFFIX_FROM = 1e6;
    private static final String[] DIFFICULTY_SUFFIXES = {"M", "G", "T", "P", "E"};
    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /**
     * A difficulty of any size, with three significant digits at least: "4.66 × 10⁻¹⁰", "0.00466", "0.500", "1.000",
     * "12,345.68", "1.23 M", "109.78 T"; "–" when there is none.
     */
    public static String difficulty(double d) {
        if (!(d >= 0) || Double.isInfinite(d)) {
            return "–";
        }
        if (d == 0) {
            return "0";
        }
        if (d < DIFFICULTY_SCIENTIFIC_BELOW) {
            return scientific(d);
        }
        if (d < 1) {
            int decimals = 2 - (int) Math.floor(Math.log10(d));
            return String.format(Locale.ROOT, "%." + decimals + "f", d);
        }
        if (d < 1000) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        if (d < DIFFICULTY_SUFFIX_FROM) {
            return String.format(Locale.ROOT, "%,.2f", d);
        }
        double v = d / DIFFICULTY_SUFFIX_FROM;
        int unit = 0;
        while (v >= 999.995 && unit < DIFFICULTY_SUFFIXES.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%,.2f %s", v, DIFFICULTY_SUFFIXES[unit]);
    }

    /** "4.66 × 10⁻¹⁰": three significant digits and the power of ten in superscript. */
    private static String scientific(double d) {
        String[] parts = String.format(Locale.ROOT, "%.2e", d).split("e");
        int exponent = Integer.parseInt(parts[1]);
        StringBuilder power = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(exponent)).toCharArray()) {
            power.append(SUPERSCRIPT_DIGITS.charAt(c - '0'));
        }
        return parts[0] + " × 10" + power;
    }

    /** A chance 0..1 as "1 in 12" or "63%". */
    public static String chance(double p) {
        if (p <= 0) {
            return "none";
        }
        if (p < 0.5) {
            return "1 in " + count(Math.round(1 / p));
        }
        return percent(p);
    }

    /** A fee rate in base units a byte: "1 unit/B", "12 units/B", "2.50 units/B". */
    public static String feeRate(double unitsPerByte) {
        if (unitsPerByte == 1) {
            return "1 unit/B";
        }
        return unitsPerByte >= 100 || unitsPerByte == Math.rint(unitsPerByte)
                ? String.format(Locale.ROOT, "%,.0f units/B", unitsPerByte)
                : String.format(Locale.ROOT, "%.2f units/B", unitsPerByte);
    }

    /** A long hash shortened for a narrow cell: "0000a3f1…9c2e". */
    public static String shortHash(String hex) {
        return hex.length() <= 16 ? hex : hex.substring(0, 8) + "…" + hex.substring(hex.length() - 6);
    }

    /**
     * The node's sync state in one line: "Up to date", "Syncing: block 1,204 of 39,637 (3%), 2 min left",
     * "Looking for peers", or "Not on the network (P2P is off)".
     */
    public static String syncLine(org.peerchain.node.api.SyncState s, int peers, boolean p2pOn) {
        if (!p2pOn) {
            return "Not on the network (P2P is off)";
        }
        if (s.syncing() && s.targetHeight() > s.height()) {
            return "Syncing: block " + count(s.height()) + " of " + count(s.targetHeight()) + " (" + percent(s.fraction())
                    + ")" + (s.secondsLeft() >= 0 ? ", " + duration(s.secondsLeft()) + " left" : "");
        }
        return peers == 0 ? "Looking for peers" : "Up to date";
    }

    /**
     * Where a wallet transaction stands, in words: "Pending", "3 confirmations", "Mined, spendable", "Mined, spendable
     * in 12 blocks", "Conflicted: it can never confirm".
     */
    public static String walletTxState(org.peerchain.node.api.WalletTransactionRow row, int tipHeight) {
        return switch (row.state()) {
            case PENDING -> "Pending";
            case CONFIRMED -> row.confirmations() == 1 ? "1 confirmation" : count(row.confirmations()) + " confirmations";
            case MINED -> "Mined, spendable";
            case IMMATURE -> {
                int left = row.maturesAtHeight() - tipHeight;
                yield left <= 0 ? "Mined, spendable at the next block"
                        : "Mined, spendable in " + count(left) + (left == 1 ? " block" : " blocks");
            }
            case CONFLICTED -> "Conflicted: it can never confirm";
        };
    }

    /** An amount with its sign: "+1.50 PCH" received, "−0.25 PCH" sent. */
    public static String signedAmount(long units) {
        return units > 0 ? "+" + amount(units) : units < 0 ? "\u2212" + amount(-units) : amount(0);
    }

    /**
     * A tracker test's outcome in words: "192.0.2.1:7300 reached in 23 ms, it knows 4 peers", "no answer from
     * 192.0.2.1:7300 within 5 s", "192.0.2.1:7300 refused the connection: nothing listens on that port".
     */
    public static String trackerTest(org.peerchain.node.api.TrackerTestResult r) {
        return switch (r.outcome()) {
            case REACHED -> r.tracker() + " reached in " + count(r.roundTripMillis()) + " ms, it knows "
                    + (r.peers() == 0 ? "no peers of this network yet" : count(r.peers()) + (r.peers() == 1 ? " peer" : " peers"));
            case NO_ANSWER -> "No answer from " + r.tracker() + " within " + duration(r.timeoutMillis() / 1000.0);
            case REFUSED -> r.tracker() + " refused the connection: nothing listens on that port";
            case UNKNOWN_HOST -> r.tracker() + ": the host name is not known (check its spelling)";
            case FAILED -> r.tracker() + ": " + r.detail();
        };
    }

    /** An automatic-lock time in minutes: "Never", "1 minute", "15 minutes". */
    public static String lockAfter(int minutes) {
        return minutes <= 0 ? "Never" : minutes == 1 ? "1 minute" : count(minutes) + " minutes";
    }
}
