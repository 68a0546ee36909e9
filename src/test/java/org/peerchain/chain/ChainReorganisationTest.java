package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.peerchain.mempool.Mempool;
import org.peerchain.mempool.MempoolEvent;
import org.peerchain.mining.BlockAssembler;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.testing.EventRecorder;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

@Timeout(30)
class ChainReorganisationTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("reorg miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);
    private static final KeyHash OTHER_HASH = RegtestBlocks.keyHash(RegtestBlocks.key("reorg other"));
    /** Long enough that the coinbases of heights 1..20 are mature on both branches. */
    private static final int PREFIX = 120;
    private static final long COINBASE_VALUE = ChainParams.INITIAL_SUBSIDY;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void reorganisationOfDepthTenLeavesTheUtxoSetOfANodeThatOnlySawTheWinningBranch() throws Exception {
        List<Block> prefix = RegtestBlocks.coinbaseOnlyChain(PREFIX, MINER_HASH, 0);
        BlockHeader fork = prefix.get(PREFIX - 1).header();

        // Branch X: 10 blocks; x3 spends x1's output in a later block; x5's input is double-spent on Y.
        Transaction x1 = spendCoinbase(prefix, 1, MINER_HASH);
        Transaction x1b = spendCoinbase(prefix, 2, MINER_HASH);
        Transaction x2 = spendCoinbase(prefix, 3, MINER_HASH);
        Transaction x3 = RegtestBlocks.spend(MINER, new OutPoint(x1.txid(), 0), x1.outputs().get(0).amount(),
                RegtestBlocks.DEFAULT_FEE, MINER_HASH);
        Transaction x5 = spendCoinbase(prefix, 4, MINER_HASH);
        Transaction x7 = spendCoinbase(prefix, 5, MINER_HASH);
        List<Block> branchX = branch(fork, 10, 1, List.of(
                List.of(x1, x1b), List.of(x2), List.of(x3), List.of(), List.of(x5), List.of(), List.of(x7)));

        // Branch Y: 12 blocks with other spends, and one that pays x5's coin elsewhere.
        Transaction y1 = spendCoinbase(prefix, 10, MINER_HASH);
        Transaction y1b = spendCoinbase(prefix, 11, MINER_HASH);
        Transaction y3 = RegtestBlocks.spend(MINER, new OutPoint(y1.txid(), 0), y1.outputs().get(0).amount(),
                RegtestBlocks.DEFAULT_FEE, MINER_HASH);
        Transaction doubleSpend = RegtestBlocks.spend(MINER, x5.inputs().get(0).prevout(), COINBASE_VALUE,
                2 * RegtestBlocks.DEFAULT_FEE, OTHER_HASH);
        Transaction y8 = spendCoinbase(prefix, 12, MINER_HASH);
        List<Block> branchY = branch(fork, 12, 2, List.of(
                List.of(y1, y1b), List.of(), List.of(y3), List.of(), List.of(), List.of(doubleSpend), List.of(),
                List.of(y8)));

        try (RegtestChain a = RegtestChain.open(dirA); RegtestChain b = RegtestChain.open(dirB)) {
            Mempool mempoolA = a.mempool(Mempool.DEFAULT_MAX_BYTES);
            a.processAll(prefix);
            a.processAll(branchX);
            assertEquals(PREFIX + 10, a.chain.height());
            // Unconfirmed spends of X's outputs: one whose parent survives the reorganisation, one whose does not.
            Transaction childOfX7 = RegtestBlocks.spend(MINER, new OutPoint(x7.txid(), 0), x7.outputs().get(0).amount(),
                    RegtestBlocks.DEFAULT_FEE, MINER_HASH);
            Transaction childOfX5 = RegtestBlocks.spend(MINER, new OutPoint(x5.txid(), 0), x5.outputs().get(0).amount(),
                    RegtestBlocks.DEFAULT_FEE, MINER_HASH);
            mempoolA.accept(childOfX7);
            mempoolA.accept(childOfX5);
            Hash utxoOnX = a.chain.utxoDigest();

            EventRecorder recorded = new EventRecorder(a.events);
            for (int i = 0; i < 12; i++) {
                BlockOutcome outcome = a.process(branchY.get(i));
                // Y11 is the first block with more work than X10; until then the first-seen X stays.
                assertEquals(i < 10 ? BlockOutcome.SIDE_BRANCH : BlockOutcome.ACTIVE, outcome, "Y" + (i + 1));
            }

            b.processAll(prefix);
            b.processAll(branchY);

            assertEquals(branchY.get(11).hash(), a.chain.tip().hash());
            assertEquals(b.chain.tip().hash(), a.chain.tip().hash());
            assertEquals(b.chain.utxoDigest(), a.chain.utxoDigest());
            assertNotEquals(utxoOnX, a.chain.utxoDigest());
            assertEquals(b.chain.utxoStats(), a.chain.utxoStats());
            assertTrue(a.chain.tips().stream().anyMatch(t -> t.hash().equals(branchX.get(9).hash())),
                    "branch X stays known as a side tip");

            // The X transactions still valid on Y are back in A's pool; the double-spent one is not.
            Set<Hash> expected = Set.of(x1.txid(), x1b.txid(), x2.txid(), x3.txid(), x7.txid(), childOfX7.txid());
            Set<Hash> inPool = mempoolA.entries().stream().map(e -> e.tx().txid()).collect(Collectors.toSet());
            assertEquals(expected, inPool);
            assertFalse(mempoolA.contains(x5.txid()));
            assertFalse(mempoolA.contains(childOfX5.txid()), "its parent was double-spent on Y");
            for (Transaction gone : List.of(x5, childOfX5)) {
                assertTrue(recorded.of(MempoolEvent.TxRemoved.class).stream()
                        .anyMatch(r -> r.txid().equals(gone.txid()) && r.reason() == MempoolEvent.Reason.REORG), gone::toString);
            }

            assertChainEventsOfReorganisation(recorded.of(ChainEvent.class), branchX, branchY);

            // A mines the returned transactions; B accepts the block and both sets stay equal.
            BlockAssembler assembler = new BlockAssembler(a.chain, mempoolA, a.clock::get);
            Block mined = ProofOfWork.solve(assembler.assemble(MINER_HASH, 7).block(), RegtestBlocks.MAX_NONCE_TRIES);
            assertEquals(1 + expected.size(), mined.transactions().size());
            assertEquals(BlockOutcome.ACTIVE, a.process(mined));
            assertEquals(BlockOutcome.ACTIVE, b.process(mined));
            assertEquals(0, mempoolA.size());
            assertEquals(b.chain.utxoDigest(), a.chain.utxoDigest());
            assertEquals(b.chain.utxoStats(), a.chain.utxoStats());
        }
    }

    private static void assertChainEventsOfReorganisation(List<ChainEvent> events, List<Block> x, List<Block> y) {
        List<ChainEvent> expected = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            expected.add(new ChainEvent.BlockDisconnected(x.get(i), PREFIX + 1 + i));
        }
        for (int i = 0; i < 11; i++) {
            expected.add(new ChainEvent.BlockConnected(y.get(i), PREFIX + 1 + i));
        }
        assertEquals(expected.size() + 3, events.size(), () -> "events: " + events);
        for (int i = 0; i < expected.size(); i++) {
            ChainEvent want = expected.get(i);
            ChainEvent got = events.get(i);
            assertEquals(want.getClass(), got.getClass(), "event " + i);
            if (want instanceof ChainEvent.BlockDisconnected w && got instanceof ChainEvent.BlockDisconnected g) {
                assertEquals(w.block().hash(), g.block().hash(), "event " + i);
                assertEquals(w.height(), g.height(), "event " + i);
            } else if (want instanceof ChainEvent.BlockConnected w && got instanceof ChainEvent.BlockConnected g) {
                assertEquals(w.block().hash(), g.block().hash(), "event " + i);
                assertEquals(w.height(), g.height(), "event " + i);
            }
        }
        ChainEvent.TipChanged reorg = (ChainEvent.TipChanged) events.get(expected.size());
        assertEquals(y.get(10).hash(), reorg.hash());
        assertEquals(PREFIX + 11, reorg.height());
        assertTrue(reorg.reorganised());
        ChainEvent.BlockConnected last = (ChainEvent.BlockConnected) events.get(expected.size() + 1);
        assertEquals(y.get(11).hash(), last.block().hash());
        ChainEvent.TipChanged extend = (ChainEvent.TipChanged) events.get(expected.size() + 2);
        assertEquals(PREFIX + 12, extend.height());
        assertFalse(extend.reorganised());
    }

    private static Transaction spendCoinbase(List<Block> prefix, int height, KeyHash to) {
        return RegtestBlocks.spend(MINER, RegtestBlocks.coinbaseOf(prefix.get(height - 1)), COINBASE_VALUE,
                RegtestBlocks.DEFAULT_FEE, to);
    }

    /** {@code length} blocks on {@code fork}; block i carries {@code txs.get(i)} when there is one. */
    private static List<Block> branch(BlockHeader fork, int length, long tag, List<List<Transaction>> txs) {
        List<Block> blocks = new ArrayList<>();
        BlockHeader parent = fork;
        for (int i = 0; i < length; i++) {
            Block b = RegtestBlocks.build(parent, PREFIX + 1 + i, i < txs.size() ? txs.get(i) : List.of(),
                    MINER_HASH, tag);
            blocks.add(b);
            parent = b.header();
        }
        return blocks;
    }
}
