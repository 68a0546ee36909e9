package org.peerchain.mining;

import java.util.List;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.core.Block;
import org.peerchain.mempool.MempoolEntry;

/**
 * A block ready for the nonce search: built on {@code parent}, its coinbase paying subsidy plus
 * {@code fees}, its header's nonce still zero.
 */
public record BlockTemplate(BlockIndexEntry parent, int height, Block block, long fees, List<MempoolEntry> transactions) {
}
