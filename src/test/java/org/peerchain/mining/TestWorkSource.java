package org.peerchain.mining;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongUnaryOperator;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;

/**
 * A work source for tests: headers on a settable previous hash, a merkle root derived from the extra
 * nonce (so each extra nonce gives a different header), and bits chosen per extra nonce.
 */
final class TestWorkSource implements WorkSource {
    static final long EASY_BITS = 0x1f00ffffL;
    /** Target 1: no header meets it in practice. */
    static final long IMPOSSIBLE_BITS = 0x03000001L;
    static final long TEMPLATE_TIME = 1_800_000_000L;

    private volatile Hash prevHash;
    private volatile LongUnaryOperator bitsForExtraNonce;
    final List<Long> extraNonces = new CopyOnWriteArrayList<>();

    TestWorkSource(Hash prevHash, long bits) {
        this.prevHash = prevHash;
        this.bitsForExtraNonce = e -> bits;
    }

    void setTip(Hash newPrev, long bits) {
        prevHash = newPrev;
        bitsForExtraNonce = e -> bits;
    }

    void setBits(LongUnaryOperator bitsPerExtraNonce) {
        bitsForExtraNonce = bitsPerExtraNonce;
    }

    static Hash merkleRootFor(long extraNonce) {
        return Hash.sha256d(ByteBuffer.allocate(8).putLong(extraNonce).array());
    }

    static Hash hashOf(String name) {
        return Hash.sha256d(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public Work nextWork(long extraNonce) {
        extraNonces.add(extraNonce);
        BlockHeader header = new BlockHeader(1, prevHash, merkleRootFor(extraNonce), TEMPLATE_TIME,
                bitsForExtraNonce.applyAsLong(extraNonce), 0);
        return Work.of(header, solved -> new Block(solved, List.of()));
    }
}
