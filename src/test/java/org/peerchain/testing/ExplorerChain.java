package org.peerchain.testing;

import java.util.ArrayList;
import java.util.List;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.node.Node;

/**
 * A small chain with something to explore, built into a real node: 101 coinbase-only blocks paying the miner, then
 * block 102 whose transaction spends block 1's coinbase into 20 coins for Bob and change for the miner, block 103
 * whose transaction spends Bob's output to Carol, and a mempool transaction spending block 2's coinbase. Each
 * block's coinbase claims the subsidy plus its fees. Block times are genesis plus the height in seconds.
 */
public final class ExplorerChain {
    public static final ChainParams PARAMS = ChainParams.REGTEST;
    public static final int HEIGHT = 103;
    public static final long FEE_102 = 20_000;
    public static final long FEE_103 = 15_000;
    public static final long MEMPOOL_FEE = 30_000;
    public static final long TO_BOB = 20_0000_0000L;

    public final Ed25519Keys.KeyPair miner = RegtestBlocks.key("explorer-miner");
    public final Ed25519Keys.KeyPair bob = RegtestBlocks.key("explorer-bob");
    public final KeyHash carol = RegtestBlocks.keyHash(RegtestBlocks.key("explorer-carol"));
    public final List<Block> blocks = new ArrayList<>();
    public final Transaction tx102;
    public final Transaction tx103;
    public final Transaction mempoolTx;

    private ExplorerChain(Node node) throws ValidationException {
        KeyHash minerHash = RegtestBlocks.keyHash(miner);
        BlockHeader parent = node.chain().tip().header();
        for (int h = 1; h <= 101; h++) {
            Block b = RegtestBlocks.build(parent, h, List.of(), minerHash, 1);
            submit(node, b);
            parent = b.header();
        }
        long coinbaseValue = PARAMS.subsidy(1);
        tx102 = RegtestBlocks.spend(miner, List.of(RegtestBlocks.coinbaseOf(blocks.get(0))),
                List.of(new TxOutput(TO_BOB, RegtestBlocks.keyHash(bob)),
                        new TxOutput(coinbaseValue - TO_BOB - FEE_102, minerHash)));
        Block b102 = RegtestBlocks.assemble(parent, List.of(
                RegtestBlocks.coinbase(102, 1, PARAMS.subsidy(102) + FEE_102, minerHash), tx102));
        submit(node, b102);
        tx103 = RegtestBlocks.spend(bob, new OutPoint(tx102.txid(), 0), TO_BOB, FEE_103, carol);
        Block b103 = RegtestBlocks.assemble(b102.header(), List.of(
                RegtestBlocks.coinbase(103, 1, PARAMS.subsidy(103) + FEE_103, minerHash), tx103));
        submit(node, b103);
        mempoolTx = RegtestBlocks.spend(miner, RegtestBlocks.coinbaseOf(blocks.get(1)), PARAMS.subsidy(2),
                MEMPOOL_FEE, carol);
        node.submitTransaction(mempoolTx);
    }

    public static ExplorerChain build(Node node) throws ValidationException {
        return new ExplorerChain(node);
    }

    /** Gives {@code node} a plain chain instead: {@code count} coinbase-only blocks paying {@code miner}'s key. */
    public static void coinbaseOnly(Node node, int count, String miner) throws ValidationException {
        for (Block b : RegtestBlocks.coinbaseOnlyChain(count, RegtestBlocks.keyHash(RegtestBlocks.key(miner)), 0)) {
            node.submitBlock(b);
        }
    }

    private void submit(Node node, Block b) throws ValidationException {
        BlockOutcome outcome = node.submitBlock(b);
        if (outcome != BlockOutcome.ACTIVE) {
            throw new IllegalStateException("block " + b.hash() + " did not become the tip: " + outcome);
        }
        blocks.add(b);
    }

    /** The block at {@code height} (1 and up). */
    public Block at(int height) {
        return blocks.get(height - 1);
    }

    public static String address(KeyHash k) {
        return new Address(PARAMS.addressPrefix(), k).encode();
    }

    public String minerAddress() {
        return address(RegtestBlocks.keyHash(miner));
    }

    public String bobAddress() {
        return address(RegtestBlocks.keyHash(bob));
    }

    public String carolAddress() {
        return address(carol);
    }

    /** Two blocks on block 101 that lose to the active 102 and 103 (equal work, seen later): a stale branch. */
    public List<Block> addStaleBranch(Node node) throws ValidationException {
        KeyHash minerHash = RegtestBlocks.keyHash(miner);
        Block f1 = RegtestBlocks.build(at(101).header(), 102, List.of(), minerHash, 99);
        Block f2 = RegtestBlocks.build(f1.header(), 103, List.of(), minerHash, 99);
        node.submitBlock(f1);
        node.submitBlock(f2);
        return List.of(f1, f2);
    }
}
