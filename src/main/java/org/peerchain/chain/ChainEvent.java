package org.peerchain.chain;

import java.math.BigInteger;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;

/** What the chain state publishes. A reorganisation publishes its disconnects, its connects, then one tip change. */
public sealed interface ChainEvent {
    /** The active chain has a new tip. {@code time} is the tip block's header time. */
    record TipChanged(Hash hash, int height, BigInteger chainWork, long time, boolean reorganised) implements ChainEvent {
    }

    record BlockConnected(Block block, int height) implements ChainEvent {
    }

    record BlockDisconnected(Block block, int height) implements ChainEvent {
    }

    /**
     * The block index loading as the chain opens: {@code loaded} of {@code total} rows read. Sent about every
     * hundredth of the way and once with {@code loaded == total}.
     */
    record BlockIndexLoading(int loaded, int total) implements ChainEvent {
    }

    /**
     * The transaction index's build: indexed up to {@code indexedHeight} of a chain {@code chainHeight} high. Sent
     * when a build starts, a few times a second at most while it runs, and with {@code building} false at its end.
     */
    record TxIndexProgress(int indexedHeight, int chainHeight, boolean building) implements ChainEvent {
    }
}
