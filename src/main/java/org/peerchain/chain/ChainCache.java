package org.peerchain.chain;

/**
 * The memory the chain database may keep (bitcoind's {@code -dbcache}), in megabytes: two thirds for SQLite's page
 * cache (the UTXO table's and the block index's hot pages), one third for the UTXO overlay (coins added and spent
 * since the last fold, STORAGE.md), whose size decides how often it is folded into the table.
 */
public final class ChainCache {
    public static final int DEFAULT_MB = 96;
    public static final int MIN_MB = 8;
    public static final int MAX_MB = 16_384;
    /** What an overlay coin costs on the heap: the coin, its outpoint, their arrays and the map's entry. */
    static final int BYTES_PER_OVERLAY_COIN = 320;

    private ChainCache() {
    }

    /** @throws IllegalArgumentException naming the range when {@code megabytes} is outside it */
    public static void check(int megabytes) {
        if (megabytes < MIN_MB || megabytes > MAX_MB) {
            throw new IllegalArgumentException("the database cache must be " + MIN_MB + " to " + MAX_MB + " MB, not "
                    + megabytes);
        }
    }

    static int pageCacheKib(int megabytes) {
        return megabytes * 1024 / 3 * 2;
    }

    static int overlayCoins(int megabytes) {
        return (int) ((long) megabytes * 1024 * 1024 / 3 / BYTES_PER_OVERLAY_COIN);
    }
}
