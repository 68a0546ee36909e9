package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.mining.StaleBlockException;
import org.peerchain.node.api.FoundBlock;
import org.peerchain.node.api.MiningControl;
import org.peerchain.node.api.MiningSnapshot;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.wallet.WalletException;

/** The mining service of a real regtest node: found blocks and their fate, persistence, problems, pausing for a sync. */
@Timeout(180)
class MiningControlsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long MAX_NONCE_TRIES = 10_000_000;
    private static final AtomicLong EXTRA_NONCE = new AtomicLong(1L << 40);

    private final Ed25519Keys.KeyPair key = Ed25519Keys.generate(new SecureRandom());
    private final KeyHash keyHash = KeyHash.of(key.publicKey());
    private final String address = new Address(ChainParams.REGTEST.addressPrefix(), keyHash).encode();
    private final KeyHash elsewhere = KeyHash.of(new byte[] {9});

    @TempDir
    Path dir;
    @TempDir
    Path otherDir;

    private NodeConfig config(Path d) {
        return NodeConfig.regtest(d).withRpcPort(NodeConfig.OFF).withMining(new MiningConfig(false, 1, address));
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Mines with the node's own miner until it has found at least one block, then stops. */
    private static List<FoundBlock> mineSomeBlocks(MiningControl mining) throws InterruptedException {
        mining.start();
        waitFor("the miner to find a block", () -> !mining.foundBlocks().isEmpty());
        mining.stop();
        return mining.foundBlocks();
    }

    /** A block on {@code n}'s tip paying someone else, found outside the node's miner. */
    private Block outsideBlock(Node n) {
        return ProofOfWork.solve(n.assembler().assemble(elsewhere, EXTRA_NONCE.incrementAndGet()).block(), MAX_NONCE_TRIES);
    }

    private void extendBy(Node n, int blocks) throws ValidationException {
        for (int i = 0; i < blocks; i++) {
            n.submitBlock(outsideBlock(n));
        }
    }

    private static FoundBlock find(MiningControl mining, Hash hash) {
        return mining.foundBlocks().stream().filter(b -> b.hash().equals(hash)).findFirst()
                .orElseThrow(() -> new AssertionError("block " + hash + " is not among the found blocks"));
    }

    /** Spends the coinbase of the block at {@code height} (paid to our key) back to ourselves. */
    private Transaction spendCoinbase(Node n, int height) {
        Transaction coinbase = n.chain().block(n.chain().entryAt(height).hash()).transactions().get(0);
        long fee = 10_000;
        List<TxOutput> outs = List.of(new TxOutput(coinbase.outputs().get(0).amount() - fee, keyHash));
        List<TxInput> unsigned = List.of(new TxInput(new OutPoint(coinbase.txid(), 0), key.publicKey(), new byte[0]));
        Hash sigHash = new Transaction(Transaction.CURRENT_VERSION, unsigned, outs).sigHash();
        TxInput signed = unsigned.get(0).withSignature(Ed25519Keys.sign(key.privateKey(), sigHash));
        return new Transaction(Transaction.CURRENT_VERSION, List.of(signed), outs);
    }

    @Test
    void aFoundBlockCountsDownToMaturityAndIsMatureExactlyWhenItsCoinbaseCanBeSpent() throws Exception {
        try (Node node = Node.start(config(dir))) {
            MiningControl mining = node.services().mining();
            List<List<FoundBlock>> published = new CopyOnWriteArrayList<>();
            node.services().subscribe(NodeEvent.FoundBlocks.class, e -> published.add(e.blocks()));
            FoundBlock newest = mineSomeBlocks(mining).get(0);
            int tip = node.chain().height();
            assertEquals(FoundBlock.State.IMMATURE, newest.state());
            assertEquals(ChainParams.COINBASE_MATURITY - (tip - newest.height() + 1), newest.blocksToMaturity());
            assertEquals(node.chain().block(newest.hash()).transactions().get(0).totalOutput(), newest.reward());
            assertTrue(newest.time() > 0);
            waitFor("the found blocks to be published",
                    () -> published.stream().anyMatch(l -> l.stream().anyMatch(b -> b.hash().equals(newest.hash()))));

            extendBy(node, newest.height() + ChainParams.COINBASE_MATURITY - 2 - node.chain().height());
            FoundBlock oneToGo = find(mining, newest.hash());
            assertEquals(FoundBlock.State.IMMATURE, oneToGo.state());
            assertEquals(1, oneToGo.blocksToMaturity(), "matures in 1 block");
            ValidationException premature = assertThrows(ValidationException.class,
                    () -> node.submitTransaction(spendCoinbase(node, newest.height())));
            assertEquals("bad-txns-premature-spend-of-coinbase", premature.reason());

            extendBy(node, 1);
            FoundBlock mature = find(mining, newest.hash());
            assertEquals(FoundBlock.State.MATURE, mature.state());
            assertEquals(0, mature.blocksToMaturity());
            node.submitTransaction(spendCoinbase(node, newest.height()));
            waitFor("the change of fate to be published", () -> published.get(published.size() - 1).stream()
                    .anyMatch(b -> b.hash().equals(newest.hash()) && b.state() == FoundBlock.State.MATURE));
        }
    }

    @Test
    void blocksLosingTheirPlaceAreReorganisedAwayAndABlockBeatenToTheTipIsStale() throws Exception {
        try (Node node = Node.start(config(dir)); Node rival = Node.start(config(otherDir))) {
            MiningControl mining = node.services().mining();
            List<FoundBlock> ours = mineSomeBlocks(mining);
            assertTrue(ours.stream().allMatch(b -> b.state() == FoundBlock.State.IMMATURE), ours.toString());

            // A longer chain from elsewhere, as a peer would bring it: every block of ours leaves the active chain.
            extendBy(rival, node.chain().height() + 1);
            for (int h = 1; h <= rival.chain().height(); h++) {
                node.submitBlock(rival.chain().block(rival.chain().entryAt(h).hash()));
            }
            assertEquals(rival.chain().tip().hash(), node.chain().tip().hash());
            waitFor("every block of ours to be reorganised away", () -> mining.foundBlocks().stream()
                    .allMatch(b -> b.state() == FoundBlock.State.REORGANISED_AWAY));

            // Our miner's block and a rival's on the same parent: the rival's arrives first, ours is stale.
            Block mine = ProofOfWork.solve(node.assembler().assemble(keyHash, EXTRA_NONCE.incrementAndGet()).block(),
                    MAX_NONCE_TRIES);
            Block theirs = outsideBlock(rival);
            assertEquals(mine.header().prevHash(), theirs.header().prevHash());
            node.submitBlock(theirs);
            assertThrows(StaleBlockException.class, () -> node.mining().submitFound(mine));
            FoundBlock stale = find(mining, mine.hash());
            assertEquals(FoundBlock.State.STALE, stale.state());
            assertEquals(0, stale.blocksToMaturity());

            // Its branch then wins (the rival builds on it): it is on the active chain, two blocks deep.
            rival.submitBlock(mine);
            Block onMine = outsideBlock(rival);
            assertEquals(mine.hash(), onMine.header().prevHash());
            node.submitBlock(onMine);
            assertEquals(onMine.hash(), node.chain().tip().hash());
            waitFor("the stale block to count as found on the chain",
                    () -> find(mining, mine.hash()).state() == FoundBlock.State.IMMATURE);
            assertEquals(ChainParams.COINBASE_MATURITY - 2, find(mining, mine.hash()).blocksToMaturity());
        }
    }

    @Test
    void foundBlocksSurviveARestartAndADamagedFileIsSetAsideWithoutStoppingTheNode() throws Exception {
        List<FoundBlock> before;
        try (Node node = Node.start(config(dir))) {
            before = mineSomeBlocks(node.services().mining());
        }
        assertTrue(Files.exists(dir.resolve(FoundBlockLog.FILE_NAME)));
        try (Node node = Node.start(config(dir))) {
            assertEquals(before, node.services().mining().foundBlocks(), "the same blocks, fates and countdowns");
        }

        String damage = "{\"version\":1,\"blocks\":[{\"hash\":\"not hex\"";
        Files.writeString(dir.resolve(FoundBlockLog.FILE_NAME), damage);
        try (Node node = Node.start(config(dir))) {
            MiningControl mining = node.services().mining();
            assertEquals(List.of(), mining.foundBlocks());
            assertEquals(damage, Files.readString(dir.resolve(FoundBlockLog.FILE_NAME + FoundBlockLog.DAMAGED_SUFFIX),
                    StandardCharsets.UTF_8), "the damaged file is kept aside for a look");
            List<FoundBlock> found = mineSomeBlocks(mining);
            assertFalse(found.isEmpty());
        }
        try (Node node = Node.start(config(dir))) {
            assertFalse(node.services().mining().foundBlocks().isEmpty(), "the new list was written over the damaged one");
        }
    }

    @Test
    void miningThatTheUserStartedWaitsWhileTheNodeCatchesUpAndResumesByItself() throws Exception {
        try (Node node = Node.start(config(dir)); Node ahead = Node.start(config(otherDir))) {
            MiningControl mining = node.services().mining();
            List<MiningSnapshot> published = new CopyOnWriteArrayList<>();
            node.services().subscribe(NodeEvent.Mining.class, e -> published.add(e.snapshot()));
            assertFalse(mining.pauseWhileSyncing(), "off by default");
            mining.setPauseWhileSyncing(true);
            assertTrue(mining.pauseWhileSyncing());

            extendBy(ahead, 300);
            List<BlockHeader> firstPart = headers(ahead, 1, 300);
            extendBy(ahead, 600);
            List<BlockHeader> secondPart = headers(ahead, 301, 900);
            // Headers first, as a sync begins: the best header known is now far above the tip.
            node.chain().acceptHeaders(firstPart);
            mining.start();
            MiningSnapshot waiting = mining.snapshot();
            assertTrue(waiting.pausedForSync());
            assertTrue(waiting.on());
            assertFalse(waiting.running());
            assertEquals("The node is still catching up with its peers (block 0 of 300): you would be mining on an old tip",
                    waiting.problem());
            assertTrue(published.stream().anyMatch(MiningSnapshot::pausedForSync), "the pause was published");

            for (int h = 1; h <= 300; h++) {
                node.submitBlock(ahead.chain().block(ahead.chain().entryAt(h).hash()));
            }
            waitFor("mining to resume once caught up", () -> mining.snapshot().running());
            assertFalse(mining.snapshot().pausedForSync());
            assertEquals("", mining.snapshot().problem());
            waitFor("the miner to build on the synced chain", () -> node.chain().height() > 300);

            // Mining, then the next sync begins: mining stops and waits again.
            node.chain().acceptHeaders(secondPart);
            waitFor("mining to pause for the sync", () -> mining.snapshot().pausedForSync());
            assertFalse(mining.snapshot().running());
            assertTrue(mining.snapshot().problem().startsWith("The node is still catching up"));
            mining.stop();
            assertFalse(mining.snapshot().on(), "stop ends the wait too");
        }
    }

    private static List<BlockHeader> headers(Node n, int from, int to) {
        List<BlockHeader> out = new ArrayList<>();
        for (int h = from; h <= to; h++) {
            out.add(n.chain().entryAt(h).header());
        }
        return out;
    }

    @Test
    void settingsChangeWhileMiningAndBadThreadCountsAreRefusedInWords() throws Exception {
        try (Node node = Node.start(config(dir))) {
            MiningControl mining = node.services().mining();
            List<MiningSnapshot> published = new CopyOnWriteArrayList<>();
            node.services().subscribe(NodeEvent.Mining.class, e -> published.add(e.snapshot()));
            mining.start();
            waitFor("a hash rate", () -> mining.snapshot().hashesPerSecond() > 0);
            assertEquals(address, mining.snapshot().payoutAddress());
            if (mining.maxThreads() > 1) {
                mining.setThreads(2);
                assertEquals(2, mining.snapshot().threads());
                assertEquals(2, mining.snapshot().perThreadHashesPerSecond().size());
                assertTrue(mining.snapshot().running(), "changed while mining");
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mining.setThreads(0));
            assertEquals("Mining threads must be 1 to " + mining.maxThreads() + " (the number of cores), got 0",
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> mining.setThreads(mining.maxThreads() + 1));
            waitFor("stats to be published while mining", () -> published.stream().anyMatch(s -> s.hashesPerSecond() > 0));
            mining.stop();
            MiningSnapshot idle = published.get(published.size() - 1);
            assertFalse(idle.running());
            assertTrue(idle.difficulty() > 0, "the difficulty of the next block even when idle");
            assertEquals("", idle.problem());
        }
    }

    @Test
    void aLockedWalletWithNoKeysLeftIsSaidInWords() {
        WalletException locked = new WalletException(WalletException.Reason.KEYPOOL_EXHAUSTED, "Error: Keypool ran out");
        assertEquals(MiningControls.LOCKED_WALLET_PROBLEM, MiningControls.payoutProblem(
                new IllegalStateException("the wallet cannot give a mining address yet: " + locked.getMessage(), locked)));
        assertEquals("No address to mine to: the key file is unreadable",
                MiningControls.payoutProblem(new IllegalStateException("the key file is unreadable")));
    }
}
