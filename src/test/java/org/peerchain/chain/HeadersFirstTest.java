package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

@Timeout(30)
class HeadersFirstTest {
    private static final KeyHash MINER = RegtestBlocks.keyHash(RegtestBlocks.key("headers miner"));

    @TempDir
    Path dir;

    @Test
    void acceptedHeadersDoNotBecomeTheTipUntilTheirBlocksArriveAndThenDo() throws Exception {
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(10, MINER, 0);
        try (RegtestChain node = RegtestChain.open(dir)) {
            Hash genesis = node.chain.tip().hash();
            for (Block b : blocks) {
                BlockIndexEntry e = node.chain.acceptHeader(b.header());
                assertEquals(BlockStatus.HEADER_ONLY, e.status());
                assertSame(e, node.chain.acceptHeader(b.header()), "a header accepted twice is the same entry");
            }
            assertEquals(genesis, node.chain.tip().hash(), "headers alone never move the tip");
            assertEquals(10, node.chain.entry(blocks.get(9).hash()).height());
            Hash digest = node.chain.utxoDigest();

            // The first five arrive in order: the tip follows each.
            for (int i = 0; i < 5; i++) {
                assertEquals(BlockOutcome.ACTIVE, node.process(blocks.get(i)));
                assertEquals(blocks.get(i).hash(), node.chain.tip().hash());
            }
            // The last four arrive before the sixth: stored (not orphans) but not connected.
            for (int i = 9; i >= 6; i--) {
                assertEquals(BlockOutcome.SIDE_BRANCH, node.process(blocks.get(i)));
                assertEquals(BlockStatus.HAVE_DATA, node.chain.entry(blocks.get(i).hash()).status());
            }
            assertEquals(0, node.chain.orphanCount());
            assertEquals(5, node.chain.height());

            assertEquals(BlockOutcome.ACTIVE, node.process(blocks.get(5)));
            assertEquals(blocks.get(9).hash(), node.chain.tip().hash());
            assertEquals(10, node.chain.utxoStats().txouts());
            assertEquals(false, digest.equals(node.chain.utxoDigest()));
        }
    }

    @Test
    void aHeaderWhoseParentIsUnknownIsRefusedWithPrevBlkNotFound() throws Exception {
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(3, MINER, 0);
        try (RegtestChain node = RegtestChain.open(dir)) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> node.chain.acceptHeader(blocks.get(2).header()));
            assertEquals("prev-blk-not-found", e.reason());
            assertEquals(null, node.chain.entry(blocks.get(2).hash()));
        }
    }

    @Test
    void headersSurviveARestartAndTheirBlocksStillConnectAfterIt() throws Exception {
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(4, MINER, 0);
        try (RegtestChain node = RegtestChain.open(dir)) {
            for (Block b : blocks) {
                node.chain.acceptHeader(b.header());
            }
        }
        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(BlockStatus.HEADER_ONLY, node.chain.entry(blocks.get(3).hash()).status());
            assertEquals(0, node.chain.height());
            node.processAll(blocks);
            assertEquals(blocks.get(3).hash(), node.chain.tip().hash());
        }
    }
}
