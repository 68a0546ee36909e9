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
}
