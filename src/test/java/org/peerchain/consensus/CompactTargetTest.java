package org.peerchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.core.Hash;

/** The compact target encoding agrees with Bitcoin's nBits on its known values and edge cases. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class CompactTargetTest {
    private static final BigInteger INVALID = BigInteger.ONE.negate();

    private static BigInteger hex(String h) {
        return new BigInteger(h, 16);
    }

    @Test
    void decodesBitcoinsDifficultyOneTargetAndEncodesItBack() {
        BigInteger target = hex("00000000ffff0000000000000000000000000000000000000000000000000000");
        assertEquals(target, CompactTarget.decode(0x1d00ffffL));
        assertEquals(0x1d00ffffL, CompactTarget.encode(target));
    }

    @Test
    void decodesAKnownBitcoinMainnetTargetAndEncodesItBack() {
        // Bitcoin block 100,000's bits.
        BigInteger target = hex("000000000004864c000000000000000000000000000000000000000000000000");
        assertEquals(target, CompactTarget.decode(0x1b04864cL));
        assertEquals(0x1b04864cL, CompactTarget.encode(target));
        assertEquals(hex("0404cb").shiftLeft(8 * (0x1b - 3)), CompactTarget.decode(0x1b0404cbL));
        assertEquals(0x1b0404cbL, CompactTarget.encode(CompactTarget.decode(0x1b0404cbL)));
    }

    @Test
    void roundTripsBitcoinsSetCompactTestVectors() {
        assertEquals(hex("12"), CompactTarget.decode(0x01123456L));
        assertEquals(0x01120000L, CompactTarget.encode(hex("12")));
        assertEquals(hex("1234"), CompactTarget.decode(0x02123456L));
        assertEquals(0x02123400L, CompactTarget.encode(hex("1234")));
        assertEquals(hex("123456"), CompactTarget.decode(0x03123456L));
        assertEquals(0x03123456L, CompactTarget.encode(hex("123456")));
        assertEquals(hex("12345600"), CompactTarget.decode(0x04123456L));
        assertEquals(0x04123456L, CompactTarget.encode(hex("12345600")));
        assertEquals(hex("92340000"), CompactTarget.decode(0x05009234L));
        assertEquals(0x05009234L, CompactTarget.encode(hex("92340000")));
        assertEquals(hex("123456").shiftLeft(8 * 29), CompactTarget.decode(0x20123456L));
        assertEquals(0x20123456L, CompactTarget.encode(hex("123456").shiftLeft(8 * 29)));
    }

    @Test
    void encodesATargetWhoseTopMantissaBitIsSetWithOneMoreExponentByteSoItIsNotNegative() {
        assertEquals(0x02008000L, CompactTarget.encode(hex("80")));
        assertEquals(hex("80"), CompactTarget.decode(0x02008000L));
        assertEquals(0x207fffffL, CompactTarget.encode(CompactTarget.decode(0x207fffffL)));
    }

    @Test
    void treatsNegativeZeroAndOverflowingEncodingsAsInvalid() {
        long[] invalid = {
            0x04923456L, // sign bit set
            0x01fedcbaL, // sign bit set
            0x00000000L, // zero
            0x1d000000L, // zero mantissa
            0x01003456L, // rounds down to zero
            0x02000056L, // rounds down to zero
            0xff123456L, // far beyond 256 bits
            0x21010000L, // 257 bits
            0x23000001L, // 257 bits
        };
        for (long bits : invalid) {
            assertEquals(INVALID, CompactTarget.decodeOrInvalid(bits), String.format("%08x", bits));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompactTarget.decode(bits));
            assertTrue(e.getMessage().contains(String.format("%08x", bits)), e.getMessage());
        }
        // The largest exponents that still fit in 256 bits.
        assertEquals(256, CompactTarget.decode(0x2100ffffL).bitLength());
        assertEquals(249, CompactTarget.decode(0x22000001L).bitLength());
    }

    @Test
    void encodingRoundsDownSoTheResultIsNeverEasier() {
        BigInteger target = hex("123456789abcdef");
        long bits = CompactTarget.encode(target);
        assertEquals(0x08012345L, bits);
        BigInteger decoded = CompactTarget.decode(bits);
        assertTrue(decoded.compareTo(target) < 0);
        assertEquals(hex("123450000000000"), decoded);
    }

    @Test
    void refusesToEncodeANonPositiveTarget() {
        assertThrows(IllegalArgumentException.class, () -> CompactTarget.encode(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> CompactTarget.encode(BigInteger.ONE.negate()));
    }

    @Test
    void workIsTwoToThe256DividedByTargetPlusOne() {
        // Bitcoin's genesis block adds 0x100010001 to the chain work.
        assertEquals(BigInteger.valueOf(0x100010001L), CompactTarget.work(0x1d00ffffL));
        assertEquals(BigInteger.TWO, CompactTarget.work(0x207fffffL));
        assertTrue(CompactTarget.work(0x1b0404cbL).compareTo(CompactTarget.work(0x1d00ffffL)) > 0,
                "a smaller target is more work");
        assertThrows(IllegalArgumentException.class, () -> CompactTarget.work(0x04923456L));
    }

    @Test
    void aHashMeetsATargetWhenItIsAtOrBelowIt() {
        BigInteger target = CompactTarget.decode(0x1f00ffffL);
        Hash atTarget = Hash.fromHex("0000ffff00000000000000000000000000000000000000000000000000000000");
        Hash above = Hash.fromHex("0000ffff00000000000000000000000000000000000000000000000000000001");
        Hash below = Hash.fromHex("0000fffeffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
        assertTrue(CompactTarget.meets(atTarget, target));
        assertTrue(CompactTarget.meets(below, target));
        assertFalse(CompactTarget.meets(above, target));
    }

    @Test
    void difficultyIsRelativeToDifficultyOne() {
        assertEquals(1.0, CompactTarget.difficulty(ChainParams.DIFFICULTY_ONE_BITS));
        assertEquals(256.0, CompactTarget.difficulty(0x1e00ffffL), 1e-9);
    }
}
