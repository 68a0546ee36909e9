package org.peerchain.node.api;

import org.peerchain.core.Hash;

/** One row of the block list: what is known without reading a block's transactions one by one. */
public record BlockSummary(int height, Hash hash, long time, int transactions, int sizeBytes, double difficulty) {
}
