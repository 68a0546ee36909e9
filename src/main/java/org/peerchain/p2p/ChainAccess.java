package org.peerchain.p2p;

import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;

/**
 * The narrow view of the node the P2P layer works through: the header tree and active chain to read,
 * headers, blocks and transactions to hand in (checked by the chain and mempool, which own their state),
 * and stored objects to serve. The node implements it; the P2P layer never touches the UTXO set.
 */
public interface ChainAccess {
    BlockIndexEntry tip();

    /** The valid header with the most work (its block may not have arrived yet). */
    BlockIndexEntry bestHeader();

    /** Any known header, or null. */
    BlockIndexEntry entry(Hash hash);

    /** The active chain's entry at {@code height}, or null beyond the tip. */
    BlockIndexEntry entryAt(int height);

    boolean isActive(BlockIndexEntry e);

    BlockIndexEntry acceptHeader(BlockHeader header) throws ValidationException;

    /** Consecutive headers accepted at once (one database commit); those before a failing header stay accepted. */
    java.util.List<BlockIndexEntry> acceptHeaders(java.util.List<BlockHeader> headers) throws ValidationException;

    /** The checks a header passes on its own (proof of work, a target within the network's limit); stores nothing. */
    void checkHeader(BlockHeader header) throws ValidationException;

    /** Starts checking a block's signatures early, on the verification threads. */
    void preverify(Block block);

    BlockOutcome submitBlock(Block block) throws ValidationException;

    /** A stored block's canonical bytes, or null. */
    byte[] blockBytes(Hash hash);

    void submitTransaction(Transaction tx) throws ValidationException;

    /** A transaction in the mempool, or null. */
    Transaction mempoolTransaction(Hash txid);
}
