package org.peerchain.node.api;

import java.util.List;
import java.util.Optional;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;

/**
 * Queries of the chain, its index and the mempool: what the explorer and the chain RPC methods show. Reads from
 * storage page by page; nothing here holds the whole chain in memory.
 */
public interface ChainService {
    /** The active chain's height. */
    int height();

    /** The active tip's summary. */
    BlockSummary tip();

    /** The hash of the active chain's block at {@code height}, or empty when out of range. */
    Optional<Hash> blockHash(int height);

    /**
     * Up to {@code count} block summaries of the active chain, newest first, starting at {@code fromHeight} and going
     * down; empty when {@code fromHeight} is above the tip or below 0.
     */
    List<BlockSummary> blocks(int fromHeight, int count);

    /** A known block's header and place in the chain, on any branch, even when only its header is known. */
    Optional<BlockHeaderInfo> header(Hash hash);

    /** A block of the active chain or a side branch by hash, or empty when unknown or only its header is known. */
    Optional<BlockDetail> block(Hash hash);

    /** The active chain's block at {@code height}, or empty when out of range. */
    Optional<BlockDetail> blockAt(int height);

    /** A stored block as it is, or empty when unknown or only its header is known. */
    Optional<Block> rawBlock(Hash hash);

    /** A transaction from the mempool or, with the transaction index, the chain; empty when not found. */
    Optional<TxDetail> transaction(Hash txid);

    /**
     * A transaction of a known block (found without the transaction index), or empty when the block is unknown or
     * does not hold it.
     */
    Optional<TxDetail> transaction(Hash txid, Hash blockHash);

    /** Reads a height, block hash, transaction id or address and says what it names, or why nothing matches. */
    SearchResult search(String query);

    /** Every chain tip, the active one and stale branches (as {@code getchaintips}). */
    List<ChainTip> tips();

    /** The mempool: count, size, a fee-rate histogram and its transactions, highest fee rate first. */
    MempoolSummary mempool();

    /** Every mempool transaction, in the mempool's own order (as {@code getrawmempool}). */
    List<MempoolSummary.Entry> mempoolEntries();

    /** The transaction index: on or off, and how far it is built. */
    TxIndexState txIndex();

    /**
     * Starts a scan of the UTXO set for outputs paying any of {@code addresses} (as {@code scantxoutset}) on a
     * background thread; the handle reports progress and can be cancelled.
     *
     * @throws IllegalArgumentException naming the first address that is not one of this network, and why
     */
    CoinScan scanCoins(List<String> addresses);
}
