package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Block;
import org.peerchain.core.KeyHash;
import org.peerchain.testing.EventRecorder;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

@Timeout(30)
class OrphanBlocksTest {
    private static final KeyHash MINER = RegtestBlocks.keyHash(RegtestBlocks.key("orphan miner"));
    private static final int MAX = ChainState.MAX_ORPHAN_BLOCKS;

    @TempDir
    Path dir;

    @Test
    void blocksDeliveredInReverseOrderAreHeldAndAllConnectOnceTheFirstArrives() throws Exception {
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(30, MINER, 0);
        try (RegtestChain node = RegtestChain.open(dir)) {
            EventRecorder events = new EventRecorder(node.events);
            for (int i = blocks.size() - 1; i >= 1; i--) {
                assertEquals(BlockOutcome.ORPHAN, node.process(blocks.get(i)));
            }
            assertEquals(29, node.chain.orphanCount());
            assertEquals(0, node.chain.height());
            assertEquals(List.of(), events.all());

            assertEquals(BlockOutcome.ACTIVE, node.process(blocks.get(0)));

            assertEquals(30, node.chain.height());
            assertEquals(blocks.get(29).hash(), node.chain.tip().hash());
            assertEquals(0, node.chain.orphanCount());
            List<ChainEvent.BlockConnected> connected = events.of(ChainEvent.BlockConnected.class);
            assertEquals(30, connected.size());
            for (int i = 0; i < 30; i++) {
                assertEquals(blocks.get(i).hash(), connected.get(i).block().hash());
                assertEquals(i + 1, connected.get(i).height());
            }
            assertEquals(BlockOutcome.ALREADY_KNOWN, node.process(blocks.get(17)));
        }
    }

    @Test
    void theOrphanPoolHoldsAtMostMaxOrphanBlocksAndDropsTheOldestFirst() throws Exception {
        int extra = 5;
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(MAX + extra + 1, MINER, 0);
        try (RegtestChain node = RegtestChain.open(dir)) {
            // Heights MAX+6 down to 2 arrive first: the first five offered are the oldest orphans.
            for (int i = blocks.size() - 1; i >= 1; i--) {
                assertEquals(BlockOutcome.ORPHAN, node.process(blocks.get(i)));
                assertEquals(Math.min(MAX, blocks.size() - i), node.chain.orphanCount());
            }
            assertEquals(MAX, node.chain.orphanCount());

            assertEquals(BlockOutcome.ACTIVE, node.process(blocks.get(0)));

            assertEquals(MAX + 1, node.chain.height(), "blocks up to the first dropped orphan connect");
            assertEquals(0, node.chain.orphanCount());
            for (int i = MAX + 1; i < blocks.size(); i++) {
                assertEquals(BlockOutcome.ACTIVE, node.process(blocks.get(i)));
            }
            assertEquals(MAX + extra + 1, node.chain.height());
        }
    }

    @Test
    void anOrphanOfferedAgainWhenThePoolIsFullDropsNoOtherOrphan() throws Exception {
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(MAX + 1, MINER, 0);
        try (RegtestChain node = RegtestChain.open(dir)) {
            for (int i = blocks.size() - 1; i >= 1; i--) {
                node.process(blocks.get(i));
            }
            assertEquals(MAX, node.chain.orphanCount());
            assertEquals(BlockOutcome.ORPHAN, node.process(blocks.get(50)));
            assertEquals(MAX, node.chain.orphanCount());

            assertEquals(BlockOutcome.ACTIVE, node.process(blocks.get(0)));
            assertEquals(MAX + 1, node.chain.height(), "every held orphan connected");
        }
    }
}
