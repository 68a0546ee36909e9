package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.Transaction;
import org.peerchain.testing.Await;
import org.peerchain.testing.EventRecorder;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

/**
 * The transaction index (bitcoind's -txindex) finds every transaction of the active chain: kept in the same
 * transaction as each connect and disconnect, across reorganisations and restarts, and built in the background for
 * a chain that already has blocks while more keep connecting.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TxIndexTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("txindex miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);
    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void everyTransactionOfTheActiveChainIsFoundAfterItsBlockConnects() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(new ChainState.TxIndexProgress(false, -1, false), node.chain.txIndexProgress());
            node.processAll(RegtestBlocks.coinbaseOnlyChain(3, MINER_HASH, 0));
            Hash firstCoinbase = node.chain.block(node.chain.entryAt(1).hash()).transactions().get(0).txid();
            assertEquals(Optional.empty(), node.chain.txLocation(firstCoinbase), "the index is off");

            node.chain.enableTxIndex();
            awaitBuilt(node);
            node.processAll(continuation(node, 107));
            Transaction spend = RegtestBlocks.spend(MINER, node.coinbaseAt(1), ChainParams.INITIAL_SUBSIDY, 5_000,
                    MINER_HASH);
            node.mine(List.of(spend), MINER_HASH);

            assertEquals(new ChainState.TxIndexProgress(true, 111, false), node.chain.txIndexProgress());
            assertEveryActiveTransactionIndexed(node.chain);
            assertEquals(Optional.of(new ChainState.TxLocation(node.chain.tip().hash(), 111)),
                    node.chain.txLocation(spend.txid()));
            assertEquals(Optional.empty(), node.chain.txLocation(Hash.sha256d(new byte[] {1, 2, 3})));
        }
    }

    @Test
    void turnedOffTheIndexAnswersNothingAndTurnedOnAgainItIsRebuiltFromTheStart() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.chain.enableTxIndex();
            node.processAll(RegtestBlocks.coinbaseOnlyChain(20, MINER_HASH, 0));
            awaitBuilt(node);
            Hash coinbase5 = node.chain.block(node.chain.entryAt(5).hash()).transactions().get(0).txid();
            assertTrue(node.chain.txLocation(coinbase5).isPresent());

            node.chain.disableTxIndex();
            assertEquals(new ChainState.TxIndexProgress(false, -1, false), node.chain.txIndexProgress());
            assertEquals(Optional.empty(), node.chain.txLocation(coinbase5));
            // while off, a reorganisation moves block 5's transactions out of the chain unseen by the index
            Block fork = RegtestBlocks.build(node.chain.entryAt(4).header(), 5, List.of(), MINER_HASH, 9);
            List<Block> branch = new ArrayList<>(List.of(fork));
            for (int h = 6; h <= 21; h++) {
                branch.add(RegtestBlocks.build(branch.get(branch.size() - 1).header(), h, List.of(), MINER_HASH, 9));
            }
            node.processAll(branch);
            assertEquals(21, node.chain.height());

            node.chain.enableTxIndex();
            awaitBuilt(node);
            assertEquals(Optional.empty(), node.chain.txLocation(coinbase5), "the stale row went with the rebuild");
            assertEveryActiveTransactionIndexed(node.chain);
        }
    }

    @Test
    void aReorganisationRemovesTheDisconnectedTransactionsAndIndexesTheWinningBranch() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.chain.enableTxIndex();
            node.processAll(RegtestBlocks.coinbaseOnlyChain(110, MINER_HASH, 0));
            Transaction spend = RegtestBlocks.spend(MINER, node.coinbaseAt(1), ChainParams.INITIAL_SUBSIDY, 5_000,
                    MINER_HASH);
            Block withSpend = node.mine(List.of(spend), MINER_HASH);
            awaitBuilt(node);
            assertEquals(111, node.chain.txLocation(spend.txid()).orElseThrow().height());

            Block fork1 = RegtestBlocks.build(node.chain.entryAt(110).header(), 111, List.of(), MINER_HASH, 7);
            Block fork2 = RegtestBlocks.build(fork1.header(), 112, List.of(), MINER_HASH, 7);
            node.process(fork1);
            node.process(fork2);
            assertEquals(fork2.hash(), node.chain.tip().hash());
            assertEquals(Optional.empty(), node.chain.txLocation(spend.txid()), "back to unconfirmed");
            assertEquals(Optional.empty(), node.chain.txLocation(withSpend.transactions().get(0).txid()));
            assertEquals(new ChainState.TxIndexProgress(true, 112, false), node.chain.txIndexProgress());
            assertEveryActiveTransactionIndexed(node.chain);

            // the same transaction confirmed again, at another height
            Block fork3 = RegtestBlocks.build(fork2.header(), 113, List.of(spend), MINER_HASH, 7);
            node.process(fork3);
            assertEquals(Optional.of(new ChainState.TxLocation(fork3.hash(), 113)), node.chain.txLocation(spend.txid()));
            assertEveryActiveTransactionIndexed(node.chain);
        }
    }

    @Test
    void theIndexSurvivesARestartAndAnUnfinishedBuildResumesWhereItStopped() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir)) {
            node.processAll(RegtestBlocks.coinbaseOnlyChain(320, MINER_HASH, 0));
            node.chain.enableTxIndex(1);
            Await.until(BUILD_TIMEOUT, "some blocks indexed", () -> node.chain.txIndexProgress().indexedHeight() >= 20);
        }
        int stoppedAt;
        try (RegtestChain node = RegtestChain.open(dir)) {
            ChainState.TxIndexProgress stored = node.chain.txIndexProgress();
            assertTrue(stored.enabled() && !stored.building() && stored.indexedHeight() >= 20, stored.toString());
            stoppedAt = stored.indexedHeight();
            for (int h = 0; h <= node.chain.height(); h++) {
                Hash coinbase = node.chain.block(node.chain.entryAt(h).hash()).transactions().get(0).txid();
                assertEquals(h <= stoppedAt, node.chain.txLocation(coinbase).isPresent(), "block " + h);
            }
            // a block connected above an unfinished index waits for the build
            node.mine(List.of(), MINER_HASH);
            node.chain.enableTxIndex();
            awaitBuilt(node);
            assertEveryActiveTransactionIndexed(node.chain);
        }
        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(new ChainState.TxIndexProgress(true, 321, false), node.chain.txIndexProgress());
            assertEveryActiveTransactionIndexed(node.chain);
            node.mine(List.of(), MINER_HASH);
            assertEquals(322, node.chain.txIndexProgress().indexedHeight(), "kept up without a build");
        }
    }

    @Test
    void aBackgroundBuildOfALongChainReportsProgressAndIsCorrectWhileBlocksKeepConnecting() throws Exception {
        try (RegtestChain node = RegtestChain.open(dir); EventRecorder events = new EventRecorder(node.events)) {
            node.processAll(RegtestBlocks.coinbaseOnlyChain(330, MINER_HASH, 0));
            List<Thread> publishers = new java.util.concurrent.CopyOnWriteArrayList<>();
            node.events.subscribe(ChainEvent.TxIndexProgress.class, e -> publishers.add(Thread.currentThread()));
            long started = System.nanoTime();
            node.chain.enableTxIndex(1);
            int connectedWhileBuilding = 0;
            for (int i = 1; i <= 40; i++) {
                Transaction spend = RegtestBlocks.spend(MINER, node.coinbaseAt(i), ChainParams.INITIAL_SUBSIDY, 1_000,
                        MINER_HASH);
                node.mine(List.of(spend), MINER_HASH);
                // read together under the chain's lock: the build cannot move between the two
                boolean answered = node.chain.read(() -> {
                    ChainState.TxIndexProgress p = node.chain.txIndexProgress();
                    Optional<ChainState.TxLocation> at = node.chain.txLocation(spend.txid());
                    assertEquals(p.indexedHeight() == node.chain.height(), at.isPresent(), p.toString());
                    return at.isPresent();
                });
                if (!answered) {
                    connectedWhileBuilding++;
                }
            }
            awaitBuilt(node);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(connectedWhileBuilding > 0, "blocks connected during the build");
            assertTrue(publishers.stream().allMatch(t -> t.getName().equals("txindex-build") && t.isDaemon()),
                    publishers.toString());
            assertEquals(new ChainState.TxIndexProgress(true, node.chain.height(), false), node.chain.txIndexProgress());
            assertEveryActiveTransactionIndexed(node.chain);

            List<ChainEvent.TxIndexProgress> progress = events.of(ChainEvent.TxIndexProgress.class);
            assertTrue(progress.size() >= 2, progress.toString());
            assertTrue(progress.get(0).building());
            ChainEvent.TxIndexProgress last = progress.get(progress.size() - 1);
            assertFalse(last.building());
            assertEquals(last.chainHeight(), last.indexedHeight());
            for (int i = 1; i < progress.size(); i++) {
                assertTrue(progress.get(i).indexedHeight() >= progress.get(i - 1).indexedHeight(), progress.toString());
            }
            long whileBuilding = progress.stream().filter(ChainEvent.TxIndexProgress::building).count();
            assertTrue(whileBuilding <= 2 + seconds * 1000 / TxIndex.PROGRESS_INTERVAL_MS,
                    whileBuilding + " events in " + seconds + " s");
        }
    }

    private static void awaitBuilt(RegtestChain node) {
        Await.until(BUILD_TIMEOUT, "the transaction index built to the tip", () -> {
            ChainState.TxIndexProgress p = node.chain.txIndexProgress();
            return !p.building() && p.indexedHeight() == node.chain.height();
        });
    }

    /** {@code count} coinbase-only blocks on the tip. */
    private static List<Block> continuation(RegtestChain node, int count) {
        List<Block> blocks = new ArrayList<>();
        Block parent = node.chain.block(node.chain.tip().hash());
        for (int h = node.chain.height() + 1; h <= node.chain.height() + count; h++) {
            Block b = RegtestBlocks.build(parent.header(), h, List.of(), MINER_HASH, 0);
            blocks.add(b);
            parent = b;
        }
        return blocks;
    }

    static void assertEveryActiveTransactionIndexed(ChainState chain) {
        for (int h = 0; h <= chain.height(); h++) {
            BlockIndexEntry e = chain.entryAt(h);
            for (Transaction tx : chain.block(e.hash()).transactions()) {
                assertEquals(Optional.of(new ChainState.TxLocation(e.hash(), h)), chain.txLocation(tx.txid()),
                        "transaction " + tx.txid() + " of block " + h);
            }
        }
    }
}
