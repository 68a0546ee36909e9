package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.events.EventBus;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

@Timeout(30)
class InvalidBlocksTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("invalid miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);
    /** Coinbases of heights 1 and 2 are mature for blocks at 102 and above. */
    private static final int PREFIX = 101;

    @TempDir
    Path dir;
    @TempDir
    Path otherDir;

    private final List<Block> prefix = RegtestBlocks.coinbaseOnlyChain(PREFIX, MINER_HASH, 0);
    private final BlockHeader fork = prefix.get(PREFIX - 1).header();

    @Test
    void aBadSignatureOnAHeavierBranchIsRejectedAndTheChainMovesOnlyToAValidBranch() throws Exception {
        Transaction good = spendCoinbase(1);
        Transaction forged = RegtestBlocks.withBadSignature(good, 0);
        Block tip = RegtestBlocks.build(fork, PREFIX + 1, List.of(), MINER_HASH, 1);
        Block z1 = RegtestBlocks.build(fork, PREFIX + 1, List.of(), MINER_HASH, 2);
        Block bad = RegtestBlocks.build(z1.header(), PREFIX + 2, List.of(forged), MINER_HASH, 2);
        Block onBad = RegtestBlocks.build(bad.header(), PREFIX + 3, List.of(), MINER_HASH, 2);
        Block v2 = RegtestBlocks.build(z1.header(), PREFIX + 2, List.of(good), MINER_HASH, 3);
        Block v3 = RegtestBlocks.build(v2.header(), PREFIX + 3, List.of(), MINER_HASH, 3);

        try (RegtestChain node = RegtestChain.open(dir)) {
            node.processAll(prefix);
            assertEquals(BlockOutcome.ACTIVE, node.process(tip));
            assertEquals(BlockOutcome.SIDE_BRANCH, node.process(z1));
            Hash digest = node.chain.utxoDigest();
            UtxoStats stats = node.chain.utxoStats();

            assertEquals("bad-sig", rejection(node, bad));
            assertEquals(tip.hash(), node.chain.tip().hash());
            assertEquals(digest, node.chain.utxoDigest());
            assertEquals(stats, node.chain.utxoStats());
            assertEquals(BlockStatus.FAILED, node.chain.entry(bad.hash()).status());
            assertEquals(BlockStatus.HAVE_DATA, node.chain.entry(z1.hash()).status(), "the bad block's parent stays valid");

            assertEquals("duplicate-invalid", rejection(node, bad));
            assertEquals("bad-prevblk", rejection(node, onBad));
            ValidationException header = assertThrows(ValidationException.class,
                    () -> node.chain.acceptHeader(onBad.header()));
            assertEquals("bad-prevblk", header.reason());
            assertNull(node.chain.entry(onBad.hash()));

            // A valid branch on the same parent outgrows the old tip and activates.
            assertEquals(BlockOutcome.ACTIVE, node.process(v2));
            assertEquals(BlockOutcome.ACTIVE, node.process(v3));
            assertEquals(v3.hash(), node.chain.tip().hash());
        }

        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(v3.hash(), node.chain.tip().hash());
            assertEquals("duplicate-invalid", rejection(node, bad), "the verdict survives a restart");
            assertEquals("bad-prevblk", rejection(node, onBad));
        }
    }

    @Test
    void theValidPrefixOfABranchWhoseLaterBlockIsInvalidBecomesActiveWhenItHasMoreWork() throws Exception {
        Block tip = RegtestBlocks.build(fork, PREFIX + 1, List.of(), MINER_HASH, 1);
        Block w1 = RegtestBlocks.build(fork, PREFIX + 1, List.of(spendCoinbase(1)), MINER_HASH, 2);
        Block w2 = RegtestBlocks.build(w1.header(), PREFIX + 2, List.of(), MINER_HASH, 2);
        Block w3 = RegtestBlocks.build(w2.header(), PREFIX + 3,
                List.of(RegtestBlocks.withBadSignature(spendCoinbase(2), 0)), MINER_HASH, 2);

        try (RegtestChain node = RegtestChain.open(dir); RegtestChain witness = RegtestChain.open(otherDir)) {
            node.processAll(prefix);
            node.process(tip);
            // Headers first, then the blocks last to first, so the whole branch is tried at once.
            for (Block b : List.of(w1, w2, w3)) {
                node.chain.acceptHeader(b.header());
            }
            assertEquals(BlockOutcome.SIDE_BRANCH, node.process(w3));
            assertEquals(BlockOutcome.SIDE_BRANCH, node.process(w2));
            assertEquals(BlockOutcome.ACTIVE, node.process(w1));

            assertEquals(w2.hash(), node.chain.tip().hash());
            assertEquals(BlockStatus.FAILED, node.chain.entry(w3.hash()).status());
            witness.processAll(prefix);
            witness.processAll(List.of(w1, w2));
            assertEquals(witness.chain.utxoDigest(), node.chain.utxoDigest());
            assertEquals(witness.chain.utxoStats(), node.chain.utxoStats());
        }
    }

    @Test
    void aStoredBlockBuildingOnABlockFoundInvalidIsInvalidToo() throws Exception {
        Block tip = RegtestBlocks.build(fork, PREFIX + 1, List.of(), MINER_HASH, 1);
        Block w1 = RegtestBlocks.build(fork, PREFIX + 1, List.of(), MINER_HASH, 2);
        Block w2 = RegtestBlocks.build(w1.header(), PREFIX + 2,
                List.of(RegtestBlocks.withBadSignature(spendCoinbase(1), 0)), MINER_HASH, 2);
        Block w3 = RegtestBlocks.build(w2.header(), PREFIX + 3, List.of(), MINER_HASH, 2);

        try (RegtestChain node = RegtestChain.open(dir)) {
            node.processAll(prefix);
            node.process(tip);
            for (Block b : List.of(w1, w2, w3)) {
                node.chain.acceptHeader(b.header());
            }
            assertEquals(BlockOutcome.SIDE_BRANCH, node.process(w1));
            assertEquals(BlockOutcome.SIDE_BRANCH, node.process(w3));
            assertEquals("bad-sig", rejection(node, w2));

            assertEquals(tip.hash(), node.chain.tip().hash());
            assertEquals(BlockStatus.FAILED, node.chain.entry(w3.hash()).status());
            assertEquals("duplicate-invalid", rejection(node, w3));
        }
        try (RegtestChain node = RegtestChain.open(dir)) {
            assertEquals(BlockStatus.FAILED, node.chain.entry(w3.hash()).status(), "stored as invalid");
        }
    }

    /**
     * Security round 2, finding 2: the P2P layer starts a block's signature checks early ({@code preverify}); they
     * ran before the block's proof of work and merkle root were checked, so a block anyone can make for free (no
     * work, or a valid header with other transactions under it) cost one verification per transaction. Run on the
     * calling thread here, so that what was verified is counted before the test reads it.
     */
    @Test
    void noSignatureOfABlockIsVerifiedBeforeItsProofOfWorkAndMerkleRootAreChecked() throws Exception {
        List<Transaction> signed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            signed.add(RegtestBlocks.spend(MINER, new OutPoint(Hash.sha256d(new byte[] {(byte) i}), 0),
                    ChainParams.INITIAL_SUBSIDY, RegtestBlocks.DEFAULT_FEE, MINER_HASH));
        }
        Block solved = RegtestBlocks.build(fork, PREFIX + 1, signed, MINER_HASH, 1);
        Block unsolved = withoutProofOfWork(solved);
        Block otherTransactions = new Block(solved.header(), solved.transactions().subList(0, 41));

        AtomicLong clock = new AtomicLong(RegtestChain.DEFAULT_CLOCK);
        try (ChainState chain = ChainState.open(dir, RegtestBlocks.PARAMS, new EventBus(), Runnable::run, clock::get)) {
            chain.preverify(unsolved);
            assertEquals("high-hash", assertThrows(ValidationException.class, () -> chain.processBlock(unsolved)).reason());
            chain.preverify(otherTransactions);
            assertEquals("bad-merkle-root",
                    assertThrows(ValidationException.class, () -> chain.processBlock(otherTransactions)).reason());
            assertEquals(0, chain.signatureVerifications(), "signatures verified before the proof of work was");
        }
    }

    private static Block withoutProofOfWork(Block solved) {
        for (long nonce = 0; ; nonce++) {
            Block b = solved.withHeader(solved.header().withNonce(nonce));
            if (!CompactTarget.meets(b.hash(), CompactTarget.decode(b.header().bits()))) {
                return b;
            }
        }
    }

    private static String rejection(RegtestChain node, Block block) {
        return assertThrows(ValidationException.class, () -> node.process(block)).reason();
    }

    private Transaction spendCoinbase(int height) {
        return RegtestBlocks.spend(MINER, RegtestBlocks.coinbaseOf(prefix.get(height - 1)),
                ChainParams.INITIAL_SUBSIDY, RegtestBlocks.DEFAULT_FEE, MINER_HASH);
    }
}
