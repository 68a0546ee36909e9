package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.core.Hash;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RollingBloomFilterTest {
    private static Hash hash(long i) {
        return Hash.sha256d(ByteBuffer.allocate(8).putLong(i).array());
    }

    @Test
    void remembersTheLastOfItsCapacityWithoutFail() {
        RollingBloomFilter f = new RollingBloomFilter(1_000, 0.000_001);
        for (long i = 0; i < 10_000; i++) {
            assertTrue(f.add(hash(i)), "a new hash is reported new (" + i + ")");
            for (long back = Math.max(0, i - 999); back <= i; back += 97) {
                assertTrue(f.contains(hash(back)), "hash " + back + " forgotten after adding " + i);
            }
        }
        assertFalse(f.add(hash(9_999)), "a hash added again is reported known");
    }

    @Test
    void forgetsWhatIsOlderThanThreeGenerations() {
        RollingBloomFilter f = new RollingBloomFilter(1_000, 0.000_001);
        for (long i = 0; i < 500; i++) {
            f.add(hash(i));
        }
        for (long i = 1_000; i < 3_000; i++) {
            f.add(hash(i));
        }
        long remembered = 0;
        for (long i = 0; i < 500; i++) {
            remembered += f.contains(hash(i)) ? 1 : 0;
        }
        assertEquals(0, remembered, "the first generation was cleared when its number was reused");
    }

    @Test
    void falsePositivesStayNearTheChosenRateAndTheTableSizeIsFixed() {
        RollingBloomFilter f = new RollingBloomFilter(10_000, 0.001);
        long bytes = f.tableBytes();
        for (long i = 0; i < 100_000; i++) {
            f.add(hash(i));
        }
        assertEquals(bytes, f.tableBytes(), "the table never grows");
        int wrong = 0;
        int tries = 100_000;
        for (long i = 1_000_000; i < 1_000_000 + tries; i++) {
            wrong += f.contains(hash(i)) ? 1 : 0;
        }
        // the chosen rate is 1 in 1,000: 100 expected; five times that would mean a broken filter
        assertTrue(wrong < 500, wrong + " false positives in " + tries);
    }

    @Test
    void thePeerFiltersStayWithinAQuarterMegabyteEach() {
        RollingBloomFilter txs = new RollingBloomFilter(Peer.KNOWN_TXS, Peer.KNOWN_FALSE_POSITIVE_RATE);
        RollingBloomFilter blocks = new RollingBloomFilter(Peer.KNOWN_BLOCKS, Peer.KNOWN_FALSE_POSITIVE_RATE);
        System.out.printf("per-peer seen-filters: transactions %,d bytes, blocks %,d bytes%n", txs.tableBytes(),
                blocks.tableBytes());
        assertTrue(txs.tableBytes() < 250_000, txs.tableBytes() + " bytes for 20,000 transactions");
        assertTrue(blocks.tableBytes() < 125_000, blocks.tableBytes() + " bytes for 10,000 blocks");
    }

    @Test
    void murmurHashMatchesItsPublishedTestVectors() {
        // vectors from Bitcoin Core's hash_tests (MurmurHash3 x86_32)
        assertEquals(0x00000000, RollingBloomFilter.murmur3(0x00000000, new byte[0]));
        assertEquals(0x6a396f08, RollingBloomFilter.murmur3(0xFBA4C795, new byte[0]));
        assertEquals(0x81f16f39, RollingBloomFilter.murmur3(0xffffffff, new byte[0]));
        assertEquals(0x514e28b7, RollingBloomFilter.murmur3(0x00000000, new byte[] {0}));
        assertEquals(0xea3f0b17, RollingBloomFilter.murmur3(0xFBA4C795, new byte[] {0}));
        assertEquals(0xfd6cf10d, RollingBloomFilter.murmur3(0x00000000, new byte[] {(byte) 0xff}));
        assertEquals(0x16c6b7ab, RollingBloomFilter.murmur3(0x00000000, new byte[] {0x00, 0x11}));
        assertEquals(0x8eb51c3d, RollingBloomFilter.murmur3(0x00000000, new byte[] {0x00, 0x11, 0x22}));
        assertEquals(0xb4471bf8, RollingBloomFilter.murmur3(0x00000000, new byte[] {0x00, 0x11, 0x22, 0x33}));
        assertEquals(0xe2301fa8, RollingBloomFilter.murmur3(0x00000000, new byte[] {0x00, 0x11, 0x22, 0x33, 0x44}));
        assertEquals(0xfc2e4a15, RollingBloomFilter.murmur3(0x00000000, new byte[] {0x00, 0x11, 0x22, 0x33, 0x44, 0x55}));
        assertEquals(0xb074502c, RollingBloomFilter.murmur3(0x00000000, new byte[] {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66}));
        assertEquals(0x8034d2a0, RollingBloomFilter.murmur3(0x00000000,
                new byte[] {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77}));
        assertEquals(0xb4698def, RollingBloomFilter.murmur3(0x00000000,
                new byte[] {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88}));
    }

    @Test
    void aFilterNeedsASensibleSizeAndRate() {
        assertThrows(IllegalArgumentException.class, () -> new RollingBloomFilter(1, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new RollingBloomFilter(100, 0));
        assertThrows(IllegalArgumentException.class, () -> new RollingBloomFilter(100, 1));
    }
}
