package org.peerchain.mining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;

@Timeout(60)
class HeaderHasherTest {
    private static final int RANDOM_HEADERS = 3000;
    private static final int NONCES_PER_HEADER = 4;

    static List<Supplier<HeaderHasher>> hashers() {
        return List.of(IntrinsicSha256dHasher::new, ClonedDigestHasher::new, PureJavaSha256dHasher::new);
    }

    @Test
    void intrinsicPathRunsWhenSunSecurityProviderIsOpened() {
        // surefire's argLine opens the package, as the runnable jar's manifest does.
        assertEquals(null, IntrinsicSha256dHasher.unavailableReason());
        assertEquals("jdk-intrinsic", HeaderHashers.fastestPath());
        assertEquals("jdk-intrinsic", HeaderHashers.fastest().path());
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void fastHashEqualsDoubleSha256OfTheSerializedHeaderOnRandomHeaders(Supplier<HeaderHasher> factory) {
        HeaderHasher hasher = factory.get();
        Random random = new Random(20261127);
        byte[] header = new byte[BlockHeader.SIZE];
        byte[] fast = new byte[Hash.LENGTH];
        for (int i = 0; i < RANDOM_HEADERS; i++) {
            random.nextBytes(header);
            hasher.load(header);
            for (int k = 0; k < NONCES_PER_HEADER; k++) {
                long nonce = random.nextInt() & 0xFFFF_FFFFL;
                hasher.hash(nonce, fast);
                BlockHeader.putU32(header, BlockHeader.NONCE_OFFSET, nonce);
                assertArrayEquals(Hash.sha256d(header).toBytes(), fast, hasher.path() + " header " + i + " nonce " + nonce);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void settingTheTimeGivesTheHashOfTheHeaderWithThatTime(Supplier<HeaderHasher> factory) {
        HeaderHasher hasher = factory.get();
        BlockHeader h = new BlockHeader(1, TestWorkSource.hashOf("prev"), TestWorkSource.hashOf("root"), 1_800_000_000L, 0x1f00ffffL, 0);
        hasher.load(h.serialize());
        hasher.setTime(1_800_000_777L);
        byte[] fast = new byte[Hash.LENGTH];
        hasher.hash(42, fast);
        assertArrayEquals(h.withTime(1_800_000_777L).withNonce(42).hash().toBytes(), fast);
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void searchFindsTheNonceWhoseHashEqualsTheTargetButNotWhenTheTargetIsOneBelow(Supplier<HeaderHasher> factory) {
        HeaderHasher hasher = factory.get();
        BlockHeader h = new BlockHeader(1, TestWorkSource.hashOf("p"), TestWorkSource.hashOf("m"), 1_800_000_000L, 0x1f00ffffL, 0);
        hasher.load(h.serialize());
        long best = -1;
        BigInteger lowest = null;
        for (long n = 700; n < 800; n++) {
            BigInteger v = new BigInteger(1, h.withNonce(n).hash().toBytes());
            if (lowest == null || v.compareTo(lowest) < 0) {
                lowest = v;
                best = n;
            }
        }
        assertEquals(best, hasher.search(700, 800, CompactTarget.toWords(lowest)));
        assertEquals(-1, hasher.search(700, 800, CompactTarget.toWords(lowest.subtract(BigInteger.ONE))));
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void everyNonceSearchReturnsMeetsTheTargetByAnIndependentCheck(Supplier<HeaderHasher> factory) {
        HeaderHasher hasher = factory.get();
        BlockHeader h = new BlockHeader(1, TestWorkSource.hashOf("a"), TestWorkSource.hashOf("b"), 1_800_000_000L, 0x207fffffL, 0);
        hasher.load(h.serialize());
        BigInteger target = BigInteger.ONE.shiftLeft(252);  // 1 in 16 hashes
        int[] words = CompactTarget.toWords(target);
        long from = 0;
        int found = 0;
        while (from < 2000) {
            long n = hasher.search(from, 2000, words);
            if (n < 0) {
                break;
            }
            assertTrue(new BigInteger(1, h.withNonce(n).hash().toBytes()).compareTo(target) <= 0);
            found++;
            from = n + 1;
        }
        assertTrue(found > 60 && found < 200, "about 125 solutions expected in 2000 nonces at 1/16, got " + found);
    }

    @ParameterizedTest
    @MethodSource("allocationFreeHashers")
    void searchAllocatesNothingPerHash(Supplier<HeaderHasher> factory) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        HeaderHasher hasher = factory.get();
        hasher.load(new byte[BlockHeader.SIZE]);
        int[] impossible = {0, 0, 0, 0, 0, 0, 0, 1};
        hasher.search(0, 200_000, impossible);
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        hasher.search(200_000, 1_200_000, impossible);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // A million hashes: anything per hash would be megabytes.
        assertTrue(allocated < 100_000, hasher.path() + " allocated " + allocated + " bytes for 10^6 hashes");
    }

    static List<Supplier<HeaderHasher>> allocationFreeHashers() {
        return List.of(IntrinsicSha256dHasher::new, PureJavaSha256dHasher::new);
    }
}
