package org.peerchain.node;

import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.BlockRules;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;
import org.peerchain.mempool.Mempool;
import org.peerchain.mempool.MempoolEntry;
import org.peerchain.p2p.ChainAccess;

/** The P2P layer's narrow view of the node: the chain state and mempool, nothing else. */
final class NodeChainAccess implements ChainAccess {
    private final Node node;
    private final ChainState chain;
    private final Mempool mempool;

    NodeChainAccess(Node node) {
        this.node = node;
        this.chain = node.chain();
        this.mempool = node.mempool();
    }

    @Override
    public BlockIndexEntry tip() {
        return chain.tip();
    }

    @Override
    public BlockIndexEntry bestHeader() {
        return chain.bestHeader();
    }

    @Override
    public BlockIndexEntry entry(Hash hash) {
        return chain.entry(hash);
    }

    @Override
    public BlockIndexEntry entryAt(int height) {
        return chain.entryAt(height);
    }

    @Override
    public boolean isActive(BlockIndexEntry e) {
        return chain.isActive(e);
    }

    @Override
    public BlockIndexEntry acceptHeader(BlockHeader header) throws ValidationException {
        return chain.acceptHeader(header);
    }

    @Override
    public java.util.List<BlockIndexEntry> acceptHeaders(java.util.List<BlockHeader> headers) throws ValidationException {
        return chain.acceptHeaders(headers);
    }

    @Override
    public void checkHeader(BlockHeader header) throws ValidationException {
        BlockRules.checkHeader(header, chain.params());
    }

    @Override
    public void preverify(Block block) {
        chain.preverify(block);
    }

    @Override
    public BlockOutcome submitBlock(Block block) throws ValidationException {
        return node.submitBlock(block);
    }

    @Override
    public byte[] blockBytes(Hash hash) {
        return chain.blockBytes(hash);
    }

    @Override
    public void submitTransaction(Transaction tx) throws ValidationException {
        node.submitTransaction(tx);
    }

    @Override
    public Transaction mempoolTransaction(Hash txid) {
        MempoolEntry e = mempool.get(txid);
        return e == null ? null : e.tx();
    }
}
