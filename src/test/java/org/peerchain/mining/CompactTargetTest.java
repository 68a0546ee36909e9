package org.peerchain.mining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CompactTargetTest {
    @Test
    void decodesBitcoinsDifficultyOneTarget() {
        assertEquals(BigInteger.valueOf(0xffff).shiftLeft(208), CompactTarget.decode(0x1d00ffffL));
    }

    @Test
    void decodesSmallExponentsByShiftingTheMantissaRight() {
        assertEquals(BigInteger.valueOf(0x12), CompactTarget.decode(0x01123456L));
        assertEquals(BigInteger.valueOf(0x1234), CompactTarget.decode(0x02123456L));
        assertEquals(BigInteger.ONE, CompactTarget.decode(0x03000001L));
        assertEquals(BigInteger.ZERO, CompactTarget.decode(0));
    }

    @Test
    void rejectsNegativeAndOversizeTargetsNamingTheBits() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> CompactTarget.decode(0x04923456L));
        assertTrue(negative.getMessage().contains("0x04923456") && negative.getMessage().contains("negative"));
        IllegalArgumentException oversize = assertThrows(IllegalArgumentException.class, () -> CompactTarget.decode(0x21010000L));
        assertTrue(oversize.getMessage().contains("above 2^256"));
    }

    @Test
    void splitsATargetIntoBigEndianWords() {
        BigInteger target = CompactTarget.decode(0x1f00ffffL);
        assertArrayEquals(new int[] {0x0000ffff, 0, 0, 0, 0, 0, 0, 0}, CompactTarget.toWords(target));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 1}, CompactTarget.toWords(BigInteger.ONE));
    }

    @Test
    void aHashEqualToTheTargetMeetsItAndOneAboveDoesNot() {
        int[] target = {0, 0x0000ffff, 0, 0, 0, 0, 0, 5};
        assertTrue(CompactTarget.meets(new int[] {0, 0x0000ffff, 0, 0, 0, 0, 0, 5}, target));
        assertTrue(CompactTarget.meets(new int[] {0, 0x0000fffe, -1, -1, -1, -1, -1, -1}, target));
        assertFalse(CompactTarget.meets(new int[] {0, 0x0000ffff, 0, 0, 0, 0, 0, 6}, target));
        assertFalse(CompactTarget.meets(new int[] {0x80000000, 0, 0, 0, 0, 0, 0, 0}, target));
    }
}
