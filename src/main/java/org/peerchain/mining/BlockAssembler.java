package org.peerchain.mining;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.ChainState;
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
import org.peerchain.mempool.Mempool;
import org.peerchain.mempool.MempoolEntry;

/**
 * Builds block templates on the current tip: a coinbase that starts with the height (so coinbases never
 * repeat) and carries an extra nonce, the mempool's best-paying transactions within the size limit, a
 * time above the median time past, and the target the retarget rule demands.
 */
public final class BlockAssembler {
    /** Bytes kept free in a block for the header and the coinbase. */
    public static final int COINBASE_RESERVE = 1_000;

    private final ChainState chain;
    private final Mempool mempool;
    private final LongSupplier clockSeconds;

    public BlockAssembler(ChainState chain, Mempool mempool, LongSupplier clockSeconds) {
        this.chain = chain;
        this.mempool = mempool;
        this.clockSeconds = clockSeconds;
    }

    public BlockTemplate assemble(KeyHash payTo, long extraNonce) {
        return chain.read(() -> {
            BlockIndexEntry parent = chain.tip();
            int height = parent.height() + 1;
            List<MempoolEntry> chosen = mempool == null ? List.of()
                    : mempool.selectForBlock(ChainParams.MAX_BLOCK_SIZE - COINBASE_RESERVE);
            long fees = 0;
            List<Transaction> txs = new ArrayList<>(chosen.size() + 1);
            txs.add(null);
            for (MempoolEntry e : chosen) {
                fees += e.fee();
                txs.add(e.tx());
            }
            long reward = chain.params().subsidy(height) + fees;
            txs.set(0, coinbase(height, extraNonce, reward, payTo));
            long time = Math.max(clockSeconds.getAsLong(), chain.medianTimePast() + 1);
            Hash merkle = MerkleTree.root(txs.stream().map(Transaction::txid).toList());
            BlockHeader header = new BlockHeader(ChainParams.BLOCK_VERSION, parent.hash(), merkle, time,
                    chain.nextBits(), 0);
            return new BlockTemplate(parent, height, new Block(header, txs), fees, chosen);
        });
    }

    /** The same template with another extra nonce in its coinbase (and so another merkle root). */
    public static Block withExtraNonce(BlockTemplate t, long extraNonce) {
        List<Transaction> txs = new ArrayList<>(t.block().transactions());
        Transaction old = txs.get(0);
        txs.set(0, coinbase(t.height(), extraNonce, old.totalOutput(), old.outputs().get(0).keyHash()));
        Hash merkle = MerkleTree.root(txs.stream().map(Transaction::txid).toList());
        BlockHeader h = t.block().header();
        return new Block(new BlockHeader(h.version(), h.prevHash(), merkle, h.time(), h.bits(), 0), txs);
    }

    static Transaction coinbase(int height, long extraNonce, long reward, KeyHash payTo) {
        byte[] data = new CanonicalWriter(12).u32(height).i64(extraNonce).toByteArray();
        return new Transaction(Transaction.CURRENT_VERSION, List.of(TxInput.coinbase(data)),
                List.of(new TxOutput(reward, payTo)));
    }
}
