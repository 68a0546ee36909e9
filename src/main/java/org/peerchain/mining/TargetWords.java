package org.peerchain.mining;

import java.math.BigInteger;

/**
 * A target as the miner compares hashes against it: eight big-endian 32-bit words, most significant first, compared
 * without allocating. The rule that turns a header's {@code bits} into a target is consensus's
 * ({@link org.peerchain.consensus.CompactTarget}); this is only its shape for the hashing loop.
 */
final class TargetWords {
    /** The size of the hash space: every target is below it. */
    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    static final int WORDS = 8;

    private TargetWords() {
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
