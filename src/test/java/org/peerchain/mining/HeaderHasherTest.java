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
    private static final long NONCE_SPACE = 1L << 32;

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
    void searchReturnsTheFirstNonceAtOrBelowTheHashOfEachNonceInRangesAcrossBatchBoundaries(Supplier<HeaderHasher> factory) {
        HeaderHasher hasher = factory.get();
        int lanes = IntrinsicSha256dHasher.LANES;
        for (int length : new int[] {1, 2, lanes - 1, lanes, lanes + 1, 2 * lanes + 5}) {
            for (long from : new long[] {0, 0x5555_5555L, 0xAAAA_AAAAL, NONCE_SPACE - length}) {
                assertSearchAgreesWithSha256d(hasher, randomHeader(from + length), from, length);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void nonceWrapsAreHashedAsTheUnsignedFieldAtTheEndsAndTheSignBoundaryOfTheNonceSpace(Supplier<HeaderHasher> factory) {
        HeaderHasher hasher = factory.get();
        // The random header's own nonce bytes are loaded too: they must be ignored.
        byte[] header = randomHeader(7);
        hasher.load(header);
        for (long nonce : new long[] {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL}) {
            assertArrayEquals(naiveHash(header, nonce), fastHash(hasher, nonce), hasher.path() + " nonce " + nonce);
        }
        int lanes = IntrinsicSha256dHasher.LANES;
        assertSearchAgreesWithSha256d(hasher, header, NONCE_SPACE - lanes - 7, lanes + 7);
        assertSearchAgreesWithSha256d(hasher, header, 0x8000_0000L - lanes / 2 - 3, lanes + 1);
        assertSearchAgreesWithSha256d(hasher, header, 0, lanes + 3);
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void everyHeaderByteOutsideTheNonceChangesTheHashExactlyAsDoubleSha256Does(Supplier<HeaderHasher> factory) {
        HeaderHasher hasher = factory.get();
        byte[] header = randomHeader(80);
        Random nonces = new Random(81);
        for (int position = 0; position < BlockHeader.NONCE_OFFSET; position++) {
            for (int bit : new int[] {0, 7}) {
                header[position] ^= (byte) (1 << bit);
                long nonce = nonces.nextInt() & 0xFFFF_FFFFL;
                // Searching loads the header; then every lane of a batch and one more are compared.
                assertSearchAgreesWithSha256d(hasher, header, nonce / 2, IntrinsicSha256dHasher.LANES + 1);
                assertArrayEquals(naiveHash(header, nonce), fastHash(hasher, nonce), hasher.path() + " byte " + position + " bit " + bit);
            }
        }
    }

    /** {@link #assertSearchAgreesWithSha256d(HeaderHasher, byte[], long, int, boolean)} after loading the header. */
    private static void assertSearchAgreesWithSha256d(HeaderHasher hasher, byte[] header, long from, int count) {
        assertSearchAgreesWithSha256d(hasher, header, from, count, true);
    }

    /**
     * For each nonce j in {@code [from, from + count)} searches the range with j's exact hash (by plain
     * double SHA-256) as the target: the answer must be the first nonce whose hash is at or below it, which
     * is j or an earlier nonce, so every nonce's hash in every lane of a batch is checked.
     */
    private static void assertSearchAgreesWithSha256d(HeaderHasher hasher, byte[] header, long from, int count, boolean load) {
        byte[] copy = header.clone();
        if (load) {
            hasher.load(copy);
        }
        BigInteger[] hashes = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            hashes[i] = new BigInteger(1, naiveHash(copy, from + i));
        }
        for (int j = 0; j < count; j++) {
            long expected = -1;
            for (int i = 0; i < count && expected < 0; i++) {
                if (hashes[i].compareTo(hashes[j]) <= 0) {
                    expected = from + i;
                }
            }
            assertEquals(expected, hasher.search(from, from + count, TargetWords.toWords(hashes[j])),
                    hasher.path() + " range " + from + "+" + count + " target of nonce " + (from + j));
        }
        assertEquals(-1, hasher.search(from, from + count, TargetWords.toWords(BigInteger.ZERO)),
                hasher.path() + " no hash is zero");
    }

    private static byte[] fastHash(HeaderHasher hasher, long nonce) {
        byte[] out = new byte[Hash.LENGTH];
        hasher.hash(nonce, out);
        return out;
    }

    private static byte[] randomHeader(long seed) {
        byte[] header = new byte[BlockHeader.SIZE];
        new Random(seed).nextBytes(header);
        return header;
    }

    private static byte[] naiveHash(byte[] header, long nonce) {
        byte[] copy = header.clone();
        BlockHeader.putU32(copy, BlockHeader.NONCE_OFFSET, nonce);
        return Hash.sha256d(copy).toBytes();
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void settingTheTimeGivesTheHashOfTheHeaderWithThatTimeForEveryNonce(Supplier<HeaderHasher> factory) {
        HeaderHasher hasher = factory.get();
        BlockHeader h = new BlockHeader(1, TestWorkSource.hashOf("prev"), TestWorkSource.hashOf("root"), 1_800_000_000L, 0x1f00ffffL, 0);
        hasher.load(h.serialize());
        hasher.setTime(1_800_000_777L);
        byte[] fast = new byte[Hash.LENGTH];
        hasher.hash(42, fast);
        assertArrayEquals(h.withTime(1_800_000_777L).withNonce(42).hash().toBytes(), fast);
        // Every nonce of a search, in every lane of the intrinsic path, sees the new time.
        assertSearchAgreesWithSha256d(hasher, h.withTime(1_800_000_777L).serialize(), 1000,
                2 * IntrinsicSha256dHasher.LANES + 1, false);
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
        assertEquals(best, hasher.search(700, 800, TargetWords.toWords(lowest)));
        assertEquals(-1, hasher.search(700, 800, TargetWords.toWords(lowest.subtract(BigInteger.ONE))));
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void everyNonceSearchReturnsMeetsTheTargetByAnIndependentCheck(Supplier<HeaderHasher> factory) {
        HeaderHasher hasher = factory.get();
        BlockHeader h = new BlockHeader(1, TestWorkSource.hashOf("a"), TestWorkSource.hashOf("b"), 1_800_000_000L, 0x207fffffL, 0);
        hasher.load(h.serialize());
        BigInteger target = BigInteger.ONE.shiftLeft(252);  // 1 in 16 hashes
        int[] words = TargetWords.toWords(target);
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
