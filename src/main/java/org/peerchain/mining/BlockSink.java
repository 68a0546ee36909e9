package org.peerchain.mining;

import org.peerchain.core.Block;

/** Takes a block the miner found: the chain validates and connects it, then it is announced. */
@FunctionalInterface
public interface BlockSink {
    /**
     * Called on the mining thread that found the block. An exception means the block was not taken; its
     * message reaches listeners as {@link MiningError#BLOCK_SINK_FAILED}.
     */
    void submit(Block block) throws Exception;
}
