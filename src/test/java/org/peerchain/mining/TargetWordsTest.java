package org.peerchain.mining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.consensus.CompactTarget;

@Timeout(10)
class TargetWordsTest {
    @Test
    void splitsATargetIntoBigEndianWords() {
        BigInteger target = CompactTarget.decode(0x1f00ffffL);
        assertArrayEquals(new int[] {0x0000ffff, 0, 0, 0, 0, 0, 0, 0}, TargetWords.toWords(target));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 1}, TargetWords.toWords(BigInteger.ONE));
    }

    @Test
    void aHashEqualToTheTargetMeetsItAndOneAboveDoesNot() {
        int[] target = {0, 0x0000ffff, 0, 0, 0, 0, 0, 5};
        assertTrue(TargetWords.meets(new int[] {0, 0x0000ffff, 0, 0, 0, 0, 0, 5}, target));
        assertTrue(TargetWords.meets(new int[] {0, 0x0000fffe, -1, -1, -1, -1, -1, -1}, target));
        assertFalse(TargetWords.meets(new int[] {0, 0x0000ffff, 0, 0, 0, 0, 0, 6}, target));
        assertFalse(TargetWords.meets(new int[] {0x80000000, 0, 0, 0, 0, 0, 0, 0}, target));
    }
}
