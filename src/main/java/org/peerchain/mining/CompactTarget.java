package org.peerchain.mining;

import java.math.BigInteger;

/**
 * Bitcoin's compact target encoding: an exponent byte and a 3-byte mantissa, target = mantissa *
 * 256^(exponent - 3). Package-level on purpose: the consensus package owns the rule, and this copy only
 * exists so the miner can turn a header's {@code bits} into a target it compares against word by word.
 */
final class CompactTarget {
    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    static final int WORDS = 8;
    private static final long SIGN_BIT = 0x0080_0000L;
    private static final long MANTISSA_MASK = 0x007F_FFFFL;

    private CompactTarget() {
    }

    /** The target encoded by {@code bits}; the message names what is wrong with a negative or oversize one. */
    static BigInteger decode(long bits) {
        if (bits < 0 || bits > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("compact target " + bits + " does not fit in 32 bits");
        }
        int exponent = (int) (bits >>> 24);
        long mantissa = bits & MANTISSA_MASK;
        if ((bits & SIGN_BIT) != 0 && mantissa != 0) {
            throw new IllegalArgumentException(String.format("compact target 0x%08x is negative", bits));
        }
        BigInteger target = exponent <= 3
                ? BigInteger.valueOf(mantissa >>> (8 * (3 - exponent)))
                : BigInteger.valueOf(mantissa).shiftLeft(8 * (exponent - 3));
        if (target.compareTo(TWO_256) >= 0) {
            throw new IllegalArgumentException(String.format("compact target 0x%08x is above 2^256", bits));
        }
        return target;
    }

    /** The target as eight big-endian 32-bit words, most significant first, in the order hashes compare. */
    static int[] toWords(BigInteger target) {
        if (target.signum() < 0 || target.compareTo(TWO_256) >= 0) {
            throw new IllegalArgumentException("a target is between 0 and 2^256 - 1, got " + target);
        }
        int[] words = new int[WORDS];
        for (int i = 0; i < WORDS; i++) {
            words[i] = target.shiftRight(32 * (WORDS - 1 - i)).intValue();
        }
        return words;
    }

    /** Word-by-word compare of {@code hash} (8 words) against the target, without allocating. */
    static boolean meets(int[] hash, int[] target) {
        for (int i = 0; i < WORDS; i++) {
            int c = Integer.compareUnsigned(hash[i], target[i]);
            if (c != 0) {
                return c < 0;
            }
        }
        return true;
    }
}
