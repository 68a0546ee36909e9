package org.peerchain.mining;

import java.math.BigInteger;
import java.util.OptionalLong;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;

/** A plain, single-threaded nonce search: for regtest's trivial targets and for tests. */
public final class ProofOfWork {
    private ProofOfWork() {
    }

    /** The first nonce below {@code maxTries} that meets the header's target, if any. */
    public static OptionalLong findNonce(BlockHeader header, long maxTries) {
        BigInteger target = CompactTarget.decode(header.bits());
        for (long n = 0; n < Math.min(maxTries, 1L << 32); n++) {
            if (CompactTarget.meets(header.withNonce(n).hash(), target)) {
                return OptionalLong.of(n);
            }
        }
        return OptionalLong.empty();
    }

    /** The block with a nonce that meets its target; fails when none is found in {@code maxTries}. */
    public static Block solve(Block block, long maxTries) {
        OptionalLong nonce = findNonce(block.header(), maxTries);
        if (nonce.isEmpty()) {
            throw new IllegalStateException("no nonce in " + maxTries + " tries meets the target");
        }
        return block.withHeader(block.header().withNonce(nonce.getAsLong()));
    }
}
