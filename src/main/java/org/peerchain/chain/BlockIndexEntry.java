package org.peerchain.chain;

import java.math.BigInteger;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;

/**
 * One node of the header tree: the header, its height, the work of the branch ending here, and its
 * parent. Owned and mutated (status only) by {@link ChainState} under its lock.
 */
public final class BlockIndexEntry {
    private final BlockHeader header;
    private final Hash hash;
    private final int height;
    private final BigInteger chainWork;
    private final BlockIndexEntry parent;
    private volatile BlockStatus status;
    /** Order of arrival among blocks of equal work: the first seen wins, as in Bitcoin Core. */
    final long sequence;

    BlockIndexEntry(BlockHeader header, int height, BigInteger chainWork, BlockIndexEntry parent,
            BlockStatus status, long sequence) {
        this.header = header;
        this.hash = header.hash();
        this.height = height;
        this.chainWork = chainWork;
        this.parent = parent;
        this.status = status;
        this.sequence = sequence;
    }

    public BlockHeader header() {
        return header;
    }

    public Hash hash() {
        return hash;
    }

    public int height() {
        return height;
    }

    public BigInteger chainWork() {
        return chainWork;
    }

    public BlockIndexEntry parent() {
        return parent;
    }

    public BlockStatus status() {
        return status;
    }

    void setStatus(BlockStatus s) {
        status = s;
    }

    /** The ancestor of this entry at {@code h} (this entry itself when {@code h == height}). */
    public BlockIndexEntry ancestor(int h) {
        if (h > height || h < 0) {
            return null;
        }
        BlockIndexEntry e = this;
        while (e.height > h) {
            e = e.parent;
        }
        return e;
    }

    @Override
    public String toString() {
        return hash + "@" + height;
    }
}
