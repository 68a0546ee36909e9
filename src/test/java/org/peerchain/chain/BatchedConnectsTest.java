package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.bench.CrashImage;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.KeyHash;
import org.peerchain.core.Transaction;
import org.peerchain.testing.Await;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

/**
 * Far behind the best header, blocks are connected several to a database transaction; near it, one each. What a
 * listener hears of is always stored, and a crash image taken in the middle of a batch opens at the batch's start.
 */
@Timeout(60)
class BatchedConnectsTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("batch miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);
    private static final int CHAIN = 400;
    /** Blocks connected before the crash image: all of them far behind the 400-block header chain. */
    private static final int BEFORE_IMAGE = 120;

    @TempDir
    Path tmp;

    private final List<ChainEvent.TipChanged> tips = new CopyOnWriteArrayList<>();
    private final List<Integer> connectedHeights = new CopyOnWriteArrayList<>();

    private RegtestChain openListening(Path dir) {
        RegtestChain node = RegtestChain.open(dir);
        node.events.subscribe(ChainEvent.TipChanged.class, tips::add);
        node.events.subscribe(ChainEvent.BlockConnected.class, e -> connectedHeights.add(e.height()));
        return node;
    }

    private static void acceptHeaders(ChainState chain, List<Block> blocks) throws ValidationException {
        List<BlockHeader> headers = new ArrayList<>();
        for (Block b : blocks) {
            headers.add(b.header());
        }
        chain.acceptHeaders(headers);
    }

    private int heardHeight() {
        return tips.isEmpty() ? 0 : tips.get(tips.size() - 1).height();
    }

    @Test
    void farBehindBlocksCommitInBatchesNearTheTipEachCommitsAndListenersHearOnlyOfStoredBlocks() throws Exception {
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(CHAIN, MINER_HASH, 0);
        Path dir = tmp.resolve("node");
        Path image = tmp.resolve("image");
        try (RegtestChain node = openListening(dir)) {
            acceptHeaders(node.chain, blocks);
            int mostUncommitted = 0;
            for (Block b : blocks.subList(0, BEFORE_IMAGE)) {
                node.process(b);
                mostUncommitted = Math.max(mostUncommitted, node.chain.uncommittedBlocks());
            }
            assertTrue(mostUncommitted > 1, "blocks far behind were batched (at most " + mostUncommitted
                    + " uncommitted at once)");
            int heardBefore = heardHeight();
            CrashImage.take(dir, image);
            int heardAfter = heardHeight();

            // Within BATCH_WHEN_BEHIND of the best header every block is its own durable transaction.
            for (Block b : blocks.subList(BEFORE_IMAGE, CHAIN)) {
                node.process(b);
                if (CHAIN - node.chain.height() < ChainState.BATCH_WHEN_BEHIND) {
                    assertEquals(0, node.chain.uncommittedBlocks(), "uncommitted at height " + node.chain.height());
                    assertEquals(node.chain.height(), heardHeight(), "the tip heard of at once near the tip");
                }
            }
            assertEquals(CHAIN, node.chain.height());
            List<Integer> expected = new ArrayList<>();
            for (int h = 1; h <= CHAIN; h++) {
                expected.add(h);
            }
            assertEquals(expected, connectedHeights, "every block heard of once, in order");

            // The crash image: what a kill at that moment would have left. It opens at a committed height, one
            // that listeners had heard of by then, at most a batch behind the tip of the moment.
            try (RegtestChain crashed = RegtestChain.open(image)) {
                int height = crashed.chain.height();
                assertEquals("ok", crashed.chain.integrityCheck());
                assertTrue(height >= heardBefore && height <= heardAfter, "the image opened at " + height
                        + "; listeners had heard of " + heardBefore + " to " + heardAfter);
                assertTrue(BEFORE_IMAGE - height <= ChainState.BATCH_MAX_BLOCKS);
                try (RegtestChain replay = RegtestChain.open(tmp.resolve("replay"))) {
                    replay.processAll(blocks.subList(0, height));
                    assertEquals(replay.chain.utxoDigest(), crashed.chain.utxoDigest(), "UTXO set at " + height);
                    assertEquals(replay.chain.utxoStats(), crashed.chain.utxoStats());
                }
                // What the crash lost comes again (from peers in a node) and connects as if nothing happened.
                crashed.processAll(blocks);
                assertEquals(node.chain.tip().hash(), crashed.chain.tip().hash());
                assertEquals(node.chain.utxoDigest(), crashed.chain.utxoDigest());
            }
        }
    }

    @Test
    void aBatchLeftOpenWhenBlocksStopComingIsCommittedWithinItsTimeLimit() throws Exception {
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(CHAIN, MINER_HASH, 0);
        Path dir = tmp.resolve("node");
        try (RegtestChain node = openListening(dir)) {
            acceptHeaders(node.chain, blocks);
            node.processAll(blocks.subList(0, 10));
            Await.until(Duration.ofMillis(ChainState.BATCH_MAX_MILLIS * 5), "the batch committed",
                    () -> node.chain.uncommittedBlocks() == 0 && heardHeight() == 10);
            CrashImage.take(dir, tmp.resolve("image"));
        }
        try (RegtestChain image = RegtestChain.open(tmp.resolve("image"))) {
            assertEquals(10, image.chain.height(), "committed, not only heard of");
        }
    }

    @Test
    void stoppingCommitsTheOpenBatch() throws Exception {
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(CHAIN, MINER_HASH, 0);
        Path dir = tmp.resolve("node");
        try (RegtestChain node = openListening(dir)) {
            acceptHeaders(node.chain, blocks);
            node.processAll(blocks.subList(0, 50));
        }
        try (RegtestChain reopened = RegtestChain.open(dir)) {
            assertEquals(50, reopened.chain.height());
            assertEquals(blocks.get(49).hash(), reopened.chain.tip().hash());
        }
    }

    @Test
    void anInvalidBlockInABatchKeepsTheBatchBeforeItAndIsRemembered() throws Exception {
        List<Block> blocks = new ArrayList<>(RegtestBlocks.coinbaseOnlyChain(ChainParams.COINBASE_MATURITY + 10,
                MINER_HASH, 0));
        int badHeight = blocks.size() + 1;
        Transaction forged = RegtestBlocks.withBadSignature(RegtestBlocks.spend(MINER, RegtestBlocks.coinbaseOf(
                blocks.get(0)), ChainParams.INITIAL_SUBSIDY - RegtestBlocks.DEFAULT_FEE, RegtestBlocks.DEFAULT_FEE,
                MINER_HASH), 0);
        Block bad = RegtestBlocks.build(blocks.get(blocks.size() - 1).header(), badHeight, List.of(forged),
                MINER_HASH, 0);
        List<Block> all = new ArrayList<>(blocks);
        all.add(bad);
        BlockHeader parent = bad.header();
        for (int h = badHeight + 1; h <= badHeight + 2 * ChainState.BATCH_WHEN_BEHIND; h++) {
            Block b = RegtestBlocks.build(parent, h, List.of(), MINER_HASH, 0);
            all.add(b);
            parent = b.header();
        }
        Path dir = tmp.resolve("node");
        try (RegtestChain node = openListening(dir)) {
            acceptHeaders(node.chain, all);
            node.processAll(blocks);
            assertTrue(node.chain.uncommittedBlocks() > 0, "the blocks before the bad one are in an open batch");
            ValidationException e = assertThrows(ValidationException.class, () -> node.process(bad));
            assertTrue(e.getMessage().contains("signature"), e.getMessage());
            assertEquals(blocks.size(), node.chain.height());
            assertEquals(blocks.size(), heardHeight(), "the batch before the bad block committed and was heard of");
            CrashImage.take(dir, tmp.resolve("image"));
        }
        try (RegtestChain image = RegtestChain.open(tmp.resolve("image"))) {
            assertEquals(blocks.size(), image.chain.height());
            assertEquals(BlockStatus.FAILED, image.chain.entry(bad.hash()).status(), "remembered as invalid");
        }
    }
}
