package org.peerchain.consensus;

import java.math.BigInteger;
import org.peerchain.core.Hash;

/**
 * Bitcoin's compact ("nBits") encoding of a 256-bit target: one exponent byte and a three-byte
 * mantissa, target = mantissa * 256^(exponent - 3). Negative and overflowing encodings are invalid.
 */
public final class CompactTarget {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private CompactTarget() {
    }

    /** The target, or -1 when the encoding is negative, zero or overflows 256 bits. */
    public static BigInteger decodeOrInvalid(long bits) {
        int exponent = (int) ((bits >>> 24) & 0xFF);
        long mantissa = bits & 0x007FFFFFL;
        boolean negative = (bits & 0x00800000L) != 0;
        if (negative || mantissa == 0) {
            return BigInteger.ONE.negate();
        }
        BigInteger target = exponent <= 3
                ? BigInteger.valueOf(mantissa >>> (8 * (3 - exponent)))
                : BigInteger.valueOf(mantissa).shiftLeft(8 * (exponent - 3));
        if (target.signum() == 0 || target.bitLength() > 256) {
            return BigInteger.ONE.negate();
        }
        return target;
    }

    /** The target {@code bits} encodes; the message names what is wrong with one that encodes none. */
    public static BigInteger decode(long bits) {
        BigInteger t = decodeOrInvalid(bits);
        if (t.signum() < 0) {
            String why = (bits & 0x00800000L) != 0 ? "is negative"
                    : (bits & 0x007FFFFFL) == 0 || t.signum() == 0 ? "is zero" : "is above 2^256";
            throw new IllegalArgumentException(String.format("bits %08x do not encode a valid target: it %s", bits, why));
        }
        return t;
    }

    /** The most compact encoding of {@code target}, rounding down (the result is never easier). */
    public static long encode(BigInteger target) {
        if (target.signum() <= 0) {
            throw new IllegalArgumentException("a target is positive");
        }
        int size = (target.bitLength() + 7) / 8;
        long mantissa = size <= 3
                ? target.longValue() << (8 * (3 - size))
                : target.shiftRight(8 * (size - 3)).longValue();
        if ((mantissa & 0x00800000L) != 0) {
            mantissa >>>= 8;
            size++;
        }
        return ((long) size << 24) | mantissa;
    }

    /** Expected number of hashes to find a block at this target: 2^256 / (target + 1). */
    public static BigInteger work(long bits) {
        return TWO_256.divide(decode(bits).add(BigInteger.ONE));
    }

    /** True when the hash, read as a big-endian number, is at or below the target. */
    public static boolean meets(Hash hash, BigInteger target) {
        return new BigInteger(1, hash.toBytes()).compareTo(target) <= 0;
    }

    /** Difficulty relative to {@link ChainParams#DIFFICULTY_ONE_BITS}, as bitcoind reports it. */
    public static double difficulty(long bits) {
        return new java.math.BigDecimal(decode(ChainParams.DIFFICULTY_ONE_BITS))
                .divide(new java.math.BigDecimal(decode(bits)), java.math.MathContext.DECIMAL64).doubleValue();
    }
}
