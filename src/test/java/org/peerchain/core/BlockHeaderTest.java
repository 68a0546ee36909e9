package org.peerchain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class BlockHeaderTest {
    private static final Hash PREV = Hash.fromHex("11".repeat(32));
    private static final Hash MERKLE = Hash.fromHex("22".repeat(32));
    private static final BlockHeader HEADER = new BlockHeader(0x01020304, PREV, MERKLE, 0x55667788L, 0x1d00ffffL,
            0xdeadbeefL);

    private static byte[] slice(byte[] b, int from, int length) {
        return Arrays.copyOfRange(b, from, from + length);
    }

    @Test
    void isExactlyEightyBytesWithEachFieldBigEndianAtItsDocumentedOffset() {
        byte[] b = HEADER.serialize();
        assertEquals(80, b.length);
        assertEquals(BlockHeader.SIZE, b.length);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, slice(b, 0, 4));
        assertArrayEquals(PREV.toBytes(), slice(b, 4, 32));
        assertArrayEquals(MERKLE.toBytes(), slice(b, 36, 32));
        assertEquals(68, BlockHeader.TIME_OFFSET);
        assertArrayEquals(new byte[] {0x55, 0x66, 0x77, (byte) 0x88}, slice(b, BlockHeader.TIME_OFFSET, 4));
        assertArrayEquals(new byte[] {0x1d, 0x00, (byte) 0xff, (byte) 0xff}, slice(b, 72, 4));
        assertEquals(76, BlockHeader.NONCE_OFFSET);
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef},
                slice(b, BlockHeader.NONCE_OFFSET, 4));
    }

    @Test
    void hashIsTheDoubleSha256OfTheEightyBytes() {
        assertEquals(Hash.sha256d(HEADER.serialize()), HEADER.hash());
    }

    @Test
    void changingTheNonceChangesOnlyTheLastFourBytes() {
        byte[] a = HEADER.serialize();
        byte[] b = HEADER.withNonce(7).serialize();
        assertArrayEquals(slice(a, 0, BlockHeader.NONCE_OFFSET), slice(b, 0, BlockHeader.NONCE_OFFSET));
        assertArrayEquals(new byte[] {0, 0, 0, 7}, slice(b, BlockHeader.NONCE_OFFSET, 4));
    }

    @Test
    void roundTripsThroughItsBytes() {
        BlockHeader back = BlockHeader.deserialize(HEADER.serialize());
        assertEquals(HEADER, back);
        assertEquals(0x01020304, back.version());
        assertEquals(PREV, back.prevHash());
        assertEquals(MERKLE, back.merkleRoot());
        assertEquals(0x55667788L, back.time());
        assertEquals(0x1d00ffffL, back.bits());
        assertEquals(0xdeadbeefL, back.nonce());
        BlockHeader negativeVersion = new BlockHeader(-1, PREV, MERKLE, 0xffffffffL, 0, 0);
        assertEquals(-1, BlockHeader.deserialize(negativeVersion.serialize()).version());
        assertEquals(0xffffffffL, BlockHeader.deserialize(negativeVersion.serialize()).time());
    }

    @Test
    void rejectsTruncatedBytesNamingTheFieldThatIsCutOff() {
        byte[] b = HEADER.serialize();
        DecodingException e = assertThrows(DecodingException.class,
                () -> BlockHeader.deserialize(Arrays.copyOf(b, 79)));
        assertTrue(e.getMessage().contains("header nonce"), e.getMessage());
        DecodingException early = assertThrows(DecodingException.class,
                () -> BlockHeader.deserialize(Arrays.copyOf(b, 40)));
        assertTrue(early.getMessage().contains("header merkle root"), early.getMessage());
    }

    @Test
    void rejectsTrailingBytes() {
        DecodingException e = assertThrows(DecodingException.class,
                () -> BlockHeader.deserialize(Arrays.copyOf(HEADER.serialize(), 81)));
        assertTrue(e.getMessage().contains("1 trailing bytes"), e.getMessage());
    }

    @Test
    void refusesFieldsThatDoNotFitIn32Bits() {
        assertThrows(IllegalArgumentException.class, () -> HEADER.withTime(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> HEADER.withNonce(-1));
    }
}
