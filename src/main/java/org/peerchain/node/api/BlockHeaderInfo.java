package org.peerchain.node.api;

import java.math.BigInteger;
import java.util.Optional;
import org.peerchain.core.Hash;

/**
 * A block's header and its place in the chain, as {@code getblockheader} shows it: what is known without reading
 * the block's transactions one by one.
 *
 * @param confirmations blocks on top of it, itself included, or -1 when it is not on the active chain
 * @param sizeBytes the stored block's size, 0 when only its header is known
 * @param transactionCount 0 when only its header is known
 * @param next the active chain's next block, empty at the tip and for a block off the active chain
 */
public record BlockHeaderInfo(int height, Hash hash, int version, Hash merkleRoot, long time, long medianTime,
        long bits, BigInteger target, double difficulty, long nonce, BigInteger chainWork, int confirmations,
        int sizeBytes, int transactionCount, Optional<Hash> previous, Optional<Hash> next) {

    /** True when the block is on the active chain. */
    public boolean active() {
        return confirmations > 0;
    }
}
