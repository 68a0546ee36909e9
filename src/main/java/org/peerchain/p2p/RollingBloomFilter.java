package org.peerchain.p2p;

import java.security.SecureRandom;
import org.peerchain.core.Hash;

/**
 * "Has this peer seen this hash?" in bounded memory, modelled on Bitcoin Core's {@code CRollingBloomFilter}: it
 * always remembers the last {@code elements} hashes added and at most {@code 1.5 × elements}, and answers
 * "yes" wrongly with probability near {@code falsePositiveRate}. Its memory is fixed when it is made, whatever a peer
 * sends: the bound a peer's seen-sets need (a map of 50,000 hashes took about 6 MB a peer and a flood filled it).
 * <p>
 * Each of three generations holds up to {@code elements / 2} entries; every filter position keeps two bits naming the
 * generation that last set it (0: none). Starting a fourth generation reuses the oldest one's number and clears its
 * positions, so the oldest third of what was added is forgotten at once. Positions come from MurmurHash3 with a
 * random tweak per filter, so a peer cannot choose hashes that collide in our filter. Thread-safe.
 */
final class RollingBloomFilter {
    private static final SecureRandom TWEAKS = new SecureRandom();
    private static final int MAX_HASH_FUNCTIONS = 50;

    private final int entriesPerGeneration;
    private final int hashFunctions;
    private final int tweak;
    /** Pairs of words: word {@code 2k} holds the low bit of each position's generation, {@code 2k + 1} the high bit. */
    private final long[] data;
    private int entriesThisGeneration;
    private int generation = 1;

    RollingBloomFilter(int elements, double falsePositiveRate) {
        if (elements < 2 || !(falsePositiveRate > 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("a rolling filter needs at least 2 elements and a rate in (0, 1)");
        }
        double logRate = Math.log(falsePositiveRate);
        this.hashFunctions = (int) Math.max(1, Math.min(Math.round(logRate / Math.log(0.5)), MAX_HASH_FUNCTIONS));
        this.entriesPerGeneration = (elements + 1) / 2;
        long maxElements = 3L * entriesPerGeneration;
        long bits = (long) Math.ceil(-1.0 * hashFunctions * maxElements / Math.log(1.0 - Math.exp(logRate / hashFunctions)));
        this.data = new long[(int) ((bits + 63) / 64) * 2];
        this.tweak = TWEAKS.nextInt();
    }

    /** Bytes the filter's table takes: fixed at construction. */
    long tableBytes() {
        return data.length * 8L;
    }

    /** Adds {@code h}; true when it was (probably) not there before. */
    synchronized boolean add(Hash h) {
        if (entriesThisGeneration == entriesPerGeneration) {
            entriesThisGeneration = 0;
            generation = generation == 3 ? 1 : generation + 1;
            long low = -(long) (generation & 1);
            long high = -(long) (generation >> 1);
            // clears every position last set by the generation whose number is being reused
            for (int p = 0; p < data.length; p += 2) {
                long mask = (data[p] ^ low) | (data[p + 1] ^ high);
                data[p] &= mask;
                data[p + 1] &= mask;
            }
        }
        entriesThisGeneration++;
        byte[] key = h.toBytes();
        boolean absent = false;
        for (int n = 0; n < hashFunctions; n++) {
            int x = murmur3(n * 0xFBA4C795 + tweak, key);
            int bit = x & 63;
            int pos = position(x);
            if ((((data[pos & ~1] | data[pos | 1]) >>> bit) & 1) == 0) {
                absent = true;
            }
            data[pos & ~1] = (data[pos & ~1] & ~(1L << bit)) | ((long) (generation & 1) << bit);
            data[pos | 1] = (data[pos | 1] & ~(1L << bit)) | ((long) (generation >> 1) << bit);
        }
        return absent;
    }

    synchronized boolean contains(Hash h) {
        byte[] key = h.toBytes();
        for (int n = 0; n < hashFunctions; n++) {
            int x = murmur3(n * 0xFBA4C795 + tweak, key);
            int bit = x & 63;
            int pos = position(x);
            if ((((data[pos & ~1] | data[pos | 1]) >>> bit) & 1) == 0) {
                return false;
            }
        }
        return true;
    }

    synchronized void clear() {
        java.util.Arrays.fill(data, 0);
        entriesThisGeneration = 0;
        generation = 1;
    }

    /** A word index from the hash's upper bits (its low six bits pick the bit in the word). */
    private int position(int x) {
        return (int) (((x & 0xFFFFFFFFL) * data.length) >>> 32);
    }

    /** MurmurHash3 (x86, 32-bit) of {@code key}, the hash Bitcoin Core's filters use. */
    static int murmur3(int seed, byte[] key) {
        int h = seed;
        int blocks = key.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (key[4 * i] & 0xff) | (key[4 * i + 1] & 0xff) << 8 | (key[4 * i + 2] & 0xff) << 16 | (key[4 * i + 3] & 0xff) << 24;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = blocks * 4;
        switch (key.length & 3) {
            case 3:
                k ^= (key[tail + 2] & 0xff) << 16;
            // fall through
            case 2:
                k ^= (key[tail + 1] & 0xff) << 8;
            // fall through
            case 1:
                k ^= key[tail] & 0xff;
                k *= 0xcc9e2d51;
                k = Integer.rotateLeft(k, 15);
                k *= 0x1b873593;
                h ^= k;
                break;
            default:
                break;
        }
        h ^= key.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
