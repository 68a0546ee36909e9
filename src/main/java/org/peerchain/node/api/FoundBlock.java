package org.peerchain.node.api;

import org.peerchain.core.Hash;

/**
 * A block this node mined and what became of it. {@code blocksToMaturity} is how many more blocks its reward needs
 * before it can be spent (0 once mature).
 */
public record FoundBlock(Hash hash, int height, long time, long reward, State state, int blocksToMaturity) {
    public enum State {
        IMMATURE, MATURE, STALE, REORGANISED_AWAY
    }
}
