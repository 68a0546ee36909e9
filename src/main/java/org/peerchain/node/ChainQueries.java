package org.peerchain.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.core.Hash;
import org.peerchain.node.api.BlockDetail;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.node.api.ChainService;
import org.peerchain.node.api.ChainTip;
import org.peerchain.node.api.CoinScan;
import org.peerchain.node.api.MempoolSummary;
import org.peerchain.node.api.SearchResult;
import org.peerchain.node.api.TxDetail;
import org.peerchain.node.api.TxIndexState;

/** The chain service: reads of the chain, its index and the mempool, for the explorer and the chain RPC methods. */
final class ChainQueries implements ChainService {
    private final Node node;
    private final ChainState chain;

    ChainQueries(Node node) {
        this.node = node;
        this.chain = node.chain();
    }

    @Override
    public int height() {
        return chain.height();
    }

    @Override
    public BlockSummary tip() {
        return summary(chain.tip());
    }

    @Override
    public List<BlockSummary> blocks(int fromHeight, int count) {
        List<BlockSummary> out = new ArrayList<>();
        for (int h = Math.min(fromHeight, chain.height()); h >= 0 && out.size() < count; h--) {
            BlockIndexEntry e = chain.entryAt(h);
            if (e != null) {
                out.add(summary(e));
            }
        }
        return out;
    }

    private BlockSummary summary(BlockIndexEntry e) {
        byte[] bytes = chain.blockBytes(e.hash());
        int txs = bytes == null ? 0 : org.peerchain.core.Block.deserialize(bytes).transactions().size();
        return new BlockSummary(e.height(), e.hash(), e.header().time(), txs, bytes == null ? 0 : bytes.length,
                CompactTarget.difficulty(e.header().bits()));
    }

    @Override
    public Optional<BlockDetail> block(Hash hash) {
        throw new UnsupportedOperationException("block detail: being built");
    }

    @Override
    public Optional<BlockDetail> blockAt(int height) {
        throw new UnsupportedOperationException("block detail: being built");
    }

    @Override
    public Optional<TxDetail> transaction(Hash txid) {
        throw new UnsupportedOperationException("transaction detail: being built");
    }

    @Override
    public SearchResult search(String query) {
        throw new UnsupportedOperationException("search: being built");
    }

    @Override
    public List<ChainTip> tips() {
        throw new UnsupportedOperationException("tips: being built");
    }

    @Override
    public MempoolSummary mempool() {
        throw new UnsupportedOperationException("mempool: being built");
    }

    @Override
    public TxIndexState txIndex() {
        return new TxIndexState(false, -1, chain.height(), false);
    }

    @Override
    public CoinScan scanCoins(List<String> addresses) {
        throw new UnsupportedOperationException("scan: being built");
    }
}
