package org.peerchain.bench;

import java.util.ArrayList;
import java.util.List;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.CanonicalWriter;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.MerkleTree;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.mining.ProofOfWork;

/**
 * Builds a valid regtest chain offline, block after block, without a node: each block one second after
 * its parent, its coinbase at the right height. For benchmarks and tests that need many blocks fast.
 */
public final class RegtestBlockBuilder {
    private final ChainParams params = ChainParams.REGTEST;
    private Hash tip;
    private int height;
    private long time;

    public RegtestBlockBuilder() {
        tip = params.genesisHash();
        height = 0;
        time = params.genesis().header().time();
    }

    public int height() {
        return height;
    }

    public long time() {
        return time;
    }

    /** The next block: a coinbase paying {@code coinbaseOutputs} (subsidy plus {@code fees} in total) and {@code txs}. */
    public Block next(List<TxOutput> coinbaseOutputs, List<Transaction> txs) {
        int h = height + 1;
        byte[] data = new CanonicalWriter(12).u32(h).i64(0).toByteArray();
        Transaction coinbase = new Transaction(Transaction.CURRENT_VERSION, List.of(TxInput.coinbase(data)),
                coinbaseOutputs);
        List<Transaction> all = new ArrayList<>(txs.size() + 1);
        all.add(coinbase);
        all.addAll(txs);
        Hash merkle = MerkleTree.root(all.stream().map(Transaction::txid).toList());
        BlockHeader header = new BlockHeader(ChainParams.BLOCK_VERSION, tip, merkle, time + 1, params.powLimitBits(), 0);
        Block block = ProofOfWork.solve(new Block(header, all), 1_000_000);
        tip = block.hash();
        height = h;
        time = time + 1;
        return block;
    }

    /** The next block with only a coinbase paying the full subsidy plus {@code fees} to {@code payTo}. */
    public Block next(KeyHash payTo, long fees, List<Transaction> txs) {
        return next(List.of(new TxOutput(params.subsidy(height + 1) + fees, payTo)), txs);
    }
}
