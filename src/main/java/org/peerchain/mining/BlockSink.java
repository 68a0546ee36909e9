package org.peerchain.mining;

import org.peerchain.core.Block;

/** Takes a block the miner found: the chain validates and connects it, then it is announced. */
@FunctionalInterface
public interface BlockSink {
    /**
     * Called on the mining thread that found the block. {@link StaleBlockException} means another block reached
     * the tip first (counted, not an error); any other exception means the block was not taken, and its message
     * reaches listeners as {@link MiningError#BLOCK_SINK_FAILED}.
     */
    void submit(Block block) throws Exception;
}
