package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.testing.BlockConnectingChild;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

/**
 * Kills a JVM that is connecting blocks with SIGKILL, several times at different heights, and checks
 * after each kill that the stored chain is sound, lost nothing it had reported as committed, and holds
 * exactly the UTXO set of a node that connected the same blocks without interruption.
 */
@Timeout(120)
class ChainCrashSafetyTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("crash miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);
    private static final int COINBASE_ONLY = ChainParams.COINBASE_MATURITY;
    private static final int WITH_SPENDS = 60;
    private static final int SPLIT = 12;
    /** A kill happens once the child reports this height (0: as soon as the chain is open). */
    private static final int[] KILL_AT = {0, 40, 103, 125, 150};
    /** A branch from here outgrows the main chain: 20 blocks with spends are disconnected in one go. */
    private static final int BRANCH_FORK = 140;
    private static final long PROGRESS_TIMEOUT_SECONDS = 60;
    /** What {@link Process#exitValue()} reports on Linux for a process ended by signal 9. */
    private static final int EXIT_BY_SIGKILL = 128 + 9;

    @TempDir
    Path tmp;

    @Test
    void aNodeKilledWithSigkillWhileConnectingBlocksReopensIntoAConsistentChainEveryTime() throws Exception {
        List<Block> main = buildBlocks();
        List<Block> branch = heavierBranch(main);
        List<Block> all = new ArrayList<>(main);
        all.addAll(branch);
        Map<Hash, Integer> heights = new HashMap<>();
        for (int i = 0; i < main.size(); i++) {
            heights.put(main.get(i).hash(), i + 1);
        }
        for (int i = 0; i < branch.size(); i++) {
            heights.put(branch.get(i).hash(), BRANCH_FORK + 1 + i);
        }
        Path blockFile = tmp.resolve("blocks.bin");
        BlockConnectingChild.writeBlocks(blockFile, all);
        Path dir = tmp.resolve("node");
        // The transaction index is on: the children keep it in each block's transaction without building anything.
        try (RegtestChain fresh = RegtestChain.open(dir)) {
            fresh.chain.enableTxIndex();
            org.peerchain.testing.Await.until(java.time.Duration.ofSeconds(30), "genesis indexed",
                    () -> !fresh.chain.txIndexProgress().building());
        }

        int round = 0;
        for (int killAt : KILL_AT) {
            round++;
            Child child = Child.start(dir, blockFile, tmp.resolve("child-" + round + ".log"));
            int reported = killAt == 0 ? child.awaitOpen() : child.awaitHeight(killAt);
            ProcessHandle handle = child.process.toHandle();
            child.process.destroyForcibly();
            assertTrue(child.process.waitFor(PROGRESS_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the child ends");
            assertEquals(EXIT_BY_SIGKILL, child.process.exitValue(), "the child was ended by SIGKILL");
            assertFalse(handle.isAlive());
            assertFalse(ProcessHandle.of(handle.pid()).map(ProcessHandle::isAlive).orElse(false));

            assertConsistent(dir, heights, all, reported, tmp.resolve("replay-" + round));
        }

        // Killed just before the block that makes the branch heavier: most likely during the reorganisation.
        Child reorging = Child.start(dir, blockFile, tmp.resolve("child-reorg.log"));
        int reported = reorging.awaitLine("side ", main.size());
        reorging.process.destroyForcibly();
        assertTrue(reorging.process.waitFor(PROGRESS_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the child ends");
        assertEquals(EXIT_BY_SIGKILL, reorging.process.exitValue());
        assertConsistent(dir, heights, all, reported, tmp.resolve("replay-reorg"));

        Child last = Child.start(dir, blockFile, tmp.resolve("child-last.log"));
        assertEquals(BRANCH_FORK + branch.size(), last.awaitDone());
        assertTrue(last.process.waitFor(PROGRESS_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, last.process.exitValue(), last.log());
        assertConsistent(dir, heights, all, BRANCH_FORK + branch.size(), tmp.resolve("replay-last"));
        try (RegtestChain done = RegtestChain.open(dir)) {
            assertEquals(branch.get(branch.size() - 1).hash(), done.chain.tip().hash());
        }
    }

    /** Coinbase-only blocks from {@link #BRANCH_FORK}, five more than the main chain has after it. */
    private static List<Block> heavierBranch(List<Block> main) {
        List<Block> branch = new ArrayList<>();
        BlockHeader parent = main.get(BRANCH_FORK - 1).header();
        for (int h = BRANCH_FORK + 1; h <= main.size() + 5; h++) {
            Block b = RegtestBlocks.build(parent, h, List.of(), MINER_HASH, 7);
            branch.add(b);
            parent = b.header();
        }
        return branch;
    }

    /**
     * The chain in {@code dir} passes SQLite's integrity check, its tip is at or above what the child last
     * reported committed, every block from it down to genesis is a built block, stored and linked, and its
     * UTXO set equals that of a fresh chain that connects the same blocks.
     */
    private static void assertConsistent(Path dir, Map<Hash, Integer> built, List<Block> blocks, int reportedHeight,
            Path replayDir) throws Exception {
        try (RegtestChain reopened = RegtestChain.open(dir)) {
            ChainState chain = reopened.chain;
            assertEquals("ok", chain.integrityCheck());
            int height = chain.height();
            assertTrue(height >= reportedHeight,
                    "a committed block was lost: the child reported " + reportedHeight + ", the tip is " + height);
            for (int h = 0; h <= height; h++) {
                BlockIndexEntry e = chain.entryAt(h);
                assertNotNull(e, "active chain entry at " + h);
                assertEquals(BlockStatus.HAVE_DATA, e.status(), "status at " + h);
                assertNotNull(chain.blockBytes(e.hash()), "stored block at " + h);
                if (h > 0) {
                    assertSame(chain.entryAt(h - 1), e.parent(), "parent link at " + h);
                    assertEquals(h, built.get(e.hash()), "a built block at " + h);
                }
            }
            assertEquals(new ChainState.TxIndexProgress(true, height, false), chain.txIndexProgress(),
                    "the transaction index moved with the tip");
            TxIndexTest.assertEveryActiveTransactionIndexed(chain);
            for (Block b : blocks) {
                BlockIndexEntry e = chain.entry(b.hash());
                if (e == null || !chain.isActive(e)) {
                    for (Transaction tx : b.transactions()) {
                        // the two branches share no transaction
                        assertTrue(chain.txLocation(tx.txid()).isEmpty(), "a transaction of a block off the chain");
                    }
                }
            }
            try (RegtestChain replay = RegtestChain.open(replayDir)) {
                replay.processAll(reopened.activeBlocks());
                assertEquals(chain.tip().hash(), replay.chain.tip().hash());
                assertEquals(replay.chain.utxoDigest(), chain.utxoDigest(), "UTXO set at height " + height);
                assertEquals(replay.chain.utxoStats(), chain.utxoStats(), "UTXO stats at height " + height);
            }
        }
    }

    /**
     * 100 coinbase-only blocks, then 60 blocks that each split a matured coinbase into 12 outputs and
     * spend the 12 outputs of the previous block's split: 13 signed transactions per block.
     */
    private static List<Block> buildBlocks() {
        List<Block> blocks = new ArrayList<>(RegtestBlocks.coinbaseOnlyChain(COINBASE_ONLY, MINER_HASH, 0));
        Transaction previousSplit = null;
        for (int i = 0; i < WITH_SPENDS; i++) {
            int height = COINBASE_ONLY + 1 + i;
            List<Transaction> txs = new ArrayList<>();
            long share = (ChainParams.INITIAL_SUBSIDY - RegtestBlocks.DEFAULT_FEE) / SPLIT;
            List<TxOutput> outs = new ArrayList<>();
            for (int k = 0; k < SPLIT; k++) {
                outs.add(new TxOutput(share, MINER_HASH));
            }
            Transaction split = RegtestBlocks.spend(MINER,
                    List.of(RegtestBlocks.coinbaseOf(blocks.get(height - COINBASE_ONLY - 1))), outs);
            txs.add(split);
            if (previousSplit != null) {
                for (int k = 0; k < SPLIT; k++) {
                    txs.add(RegtestBlocks.spend(MINER, new OutPoint(previousSplit.txid(), k), share,
                            RegtestBlocks.DEFAULT_FEE, MINER_HASH));
                }
            }
            previousSplit = split;
            BlockHeader parent = blocks.get(blocks.size() - 1).header();
            blocks.add(RegtestBlocks.build(parent, height, txs, MINER_HASH, 0));
        }
        return blocks;
    }

    /** A child JVM running {@link BlockConnectingChild}, its output lines read on a named daemon thread. */
    private static final class Child {
        final Process process;
        final Path logFile;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(Process process, Path logFile) {
            this.process = process;
            this.logFile = logFile;
            Thread reader = new Thread(this::readLines, "crash-child-stdout-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path dir, Path blockFile, Path logFile) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), BlockConnectingChild.class.getName(),
                    dir.toString(), blockFile.toString());
            pb.redirectError(logFile.toFile());
            return new Child(pb.start(), logFile);
        }

        private void readLines() {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The child was killed: its output ends here.
            }
        }

        int awaitOpen() throws Exception {
            return awaitLine("open ", Integer.MIN_VALUE);
        }

        int awaitHeight(int atLeast) throws Exception {
            return awaitLine("height ", atLeast);
        }

        int awaitDone() throws Exception {
            return awaitLine("done ", Integer.MIN_VALUE);
        }

        /** Waits for a line {@code prefix N} with N at least {@code atLeast}; returns the highest active height reported. */
        int awaitLine(String prefix, int atLeast) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROGRESS_TIMEOUT_SECONDS);
            int highest = 0;
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    process.destroyForcibly();
                    fail("no '" + prefix + atLeast + "' from the child in " + PROGRESS_TIMEOUT_SECONDS + " s\n" + log());
                }
                String[] parts = line.split(" ");
                if (parts.length == 2 && parts[1].matches("\\d+") && !parts[0].equals("side")) {
                    highest = Math.max(highest, Integer.parseInt(parts[1]));
                }
                if (line.startsWith("invalid ")) {
                    fail("the child rejected a block: " + line);
                }
                if (line.startsWith(prefix) && Integer.parseInt(line.substring(prefix.length())) >= atLeast) {
                    return highest;
                }
            }
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }
}
