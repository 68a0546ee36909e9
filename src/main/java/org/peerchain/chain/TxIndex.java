package org.peerchain.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;
import org.peerchain.events.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction index (txid to the height of its block on the active chain): maintained by each connect and
 * disconnect in the same SQLite transaction, and built for the blocks already on the chain by a background thread in
 * batches. It shares the chain's lock and database; what it needs of the chain itself is {@link Chain}.
 */
final class TxIndex {
    /** Blocks the background index build reads per batch (one transaction, the lock held only to read and write). */
    static final int BATCH_BLOCKS = 200;
    /** Block bytes per build batch at most, so that a batch of full blocks still holds the lock briefly. */
    static final int BATCH_BYTES = 4 << 20;
    /** The least time between two build progress events. */
    static final long PROGRESS_INTERVAL_MS = 250;

    private static final Logger log = LoggerFactory.getLogger(TxIndex.class);

    /** What the index reads of the chain, under the chain's lock. */
    interface Chain {
        /** The active chain, genesis first. */
        List<BlockIndexEntry> active();

        boolean onActiveChain(BlockIndexEntry e);

        Block decode(Hash hash, byte[] data);

        boolean closing();
    }

    private final ChainDatabase db;
    private final ReentrantLock lock;
    private final EventBus events;
    private final Chain chain;
    /** Whether connects and disconnects maintain the index (stored: {@link ChainDatabase#META_TX_INDEX}). */
    private boolean txIndexOn;
    /** The height up to which every active block's transactions are in the index; -1 for none. */
    private int txIndexHeight = -1;
    private Thread txIndexBuilder;
    private volatile boolean txIndexBuilding;

    TxIndex(ChainDatabase db, ReentrantLock lock, EventBus events, Chain chain) {
        this.db = db;
        this.lock = lock;
        this.events = events;
        this.chain = chain;
    }

    /** Reads whether the index is on and how far it is built (under the lock, as the chain loads). */
    void load() {
        long indexed = db.metaLong(ChainDatabase.META_TX_INDEX, Long.MIN_VALUE);
        txIndexOn = indexed != Long.MIN_VALUE;
        txIndexHeight = txIndexOn ? (int) indexed : -1;
    }

    /**
     * Where a transaction of the active chain is, from the transaction index; empty when the index is off, when
     * the transaction is unknown, or when its block lies above the height the index has been built to so far.
     */
    java.util.Optional<ChainState.TxLocation> location(Hash txid) {
        lock.lock();
        try {
            if (!txIndexOn) {
                return java.util.Optional.empty();
            }
            int h = db.indexedTxHeight(txid);
            if (h < 0 || h > txIndexHeight || h >= chain.active().size()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new ChainState.TxLocation(chain.active().get(h).hash(), h));
        } finally {
            lock.unlock();
        }
    }

    ChainState.TxIndexProgress progress() {
        lock.lock();
        try {
            return new ChainState.TxIndexProgress(txIndexOn, txIndexHeight, txIndexBuilding);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Turns the transaction index on. Blocks connected from now on are indexed in their own transaction; the
     * blocks already on the chain are indexed by a background thread ("txindex-build") in batches, one SQLite
     * transaction each, taking the lock only to read a batch's blocks and to write its rows. An index left
     * incomplete by a stop is resumed where it was; one turned off in between is rebuilt from the start.
     */
    /** As described above, the build reading {@code batchBlocks} blocks per batch (tests: smaller). */
    void enable(int batchBlocks) {
        lock.lock();
        try {
            if (chain.closing()) {
                throw new IllegalStateException("the chain is closing");
            }
            if (!txIndexOn) {
                // whatever the table holds was not maintained while the index was off
                db.clearTxIndex();
                db.putMetaLong(ChainDatabase.META_TX_INDEX, -1);
                db.commit();
                txIndexOn = true;
                txIndexHeight = -1;
                log.info("Transaction index turned on: indexing {} blocks", chain.active().size());
            }
            if (txIndexHeight < chain.active().size() - 1 && txIndexBuilder == null) {
                txIndexBuilding = true;
                Thread t = new Thread(() -> buildTxIndex(batchBlocks), "txindex-build");
                t.setDaemon(true);
                txIndexBuilder = t;
                t.start();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Turns the transaction index off: connects stop maintaining it and it is marked absent, so a later
     * {@link #enable} rebuilds it from the start (its rows stay in the file until then). Stops a build.
     */
    void disable() {
        lock.lock();
        try {
            if (!txIndexOn) {
                return;
            }
            db.deleteMeta(ChainDatabase.META_TX_INDEX);
            db.commit();
            txIndexOn = false;
            txIndexHeight = -1;
            log.info("Transaction index turned off");
        } finally {
            lock.unlock();
        }
    }

    /** A batch of active blocks the build reads under the lock and indexes after hashing them outside it. */
    private record IndexBatch(int fromHeight, List<BlockIndexEntry> entries, List<byte[]> blocks) {
    }

    private void buildTxIndex(int batchBlocks) {
        long lastEvent = 0;
        publishTxIndexProgress(true);
        try {
            while (true) {
                IndexBatch batch = readIndexBatch(batchBlocks);
                if (batch == null) {
                    break;
                }
                List<List<Hash>> txids = new ArrayList<>(batch.blocks().size());
                for (int i = 0; i < batch.blocks().size(); i++) {
                    List<Hash> ids = new ArrayList<>();
                    for (Transaction tx : chain.decode(batch.entries().get(i).hash(), batch.blocks().get(i)).transactions()) {
                        ids.add(tx.txid());
                    }
                    txids.add(ids);
                }
                if (!writeIndexBatch(batch, txids)) {
                    break;
                }
                long now = System.currentTimeMillis();
                if (now - lastEvent >= PROGRESS_INTERVAL_MS) {
                    lastEvent = now;
                    publishTxIndexProgress(true);
                }
            }
        } catch (RuntimeException e) {
            log.error("Building the transaction index stopped: {}", e.getMessage(), e);
        } finally {
            lock.lock();
            try {
                txIndexBuilding = false;
                txIndexBuilder = null;
            } finally {
                lock.unlock();
            }
        }
        publishTxIndexProgress(false);
    }

    /** The next blocks to index, or null when the index has reached the tip, was turned off, or the chain closes. */
    private IndexBatch readIndexBatch(int batchBlocks) {
        lock.lock();
        try {
            if (chain.closing() || !txIndexOn || txIndexHeight >= chain.active().size() - 1) {
                return null;
            }
            int from = txIndexHeight + 1;
            List<BlockIndexEntry> entries = new ArrayList<>();
            List<byte[]> blocks = new ArrayList<>();
            long bytes = 0;
            for (int h = from; h < chain.active().size() && entries.size() < batchBlocks && bytes < BATCH_BYTES; h++) {
                BlockIndexEntry e = chain.active().get(h);
                byte[] data = db.block(e.hash());
                if (data == null) {
                    throw new ChainStoreException("The chain database " + db.file() + " lacks the data of block "
                            + e.hash());
                }
                entries.add(e);
                blocks.add(data);
                bytes += data.length;
            }
            return new IndexBatch(from, entries, blocks);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes a batch's rows in one transaction, if the chain still has those blocks where they were read and no
     * connect or disconnect has moved the index meanwhile; otherwise the batch is read again. False to stop.
     */
    private boolean writeIndexBatch(IndexBatch batch, List<List<Hash>> txids) {
        lock.lock();
        try {
            if (chain.closing() || !txIndexOn) {
                return false;
            }
            if (txIndexHeight != batch.fromHeight() - 1) {
                return true;
            }
            for (BlockIndexEntry e : batch.entries()) {
                if (!chain.onActiveChain(e)) {
                    return true;
                }
            }
            for (int i = 0; i < batch.entries().size(); i++) {
                int height = batch.entries().get(i).height();
                for (Hash txid : txids.get(i)) {
                    db.indexTx(txid, height);
                }
                txIndexHeight = height;
            }
            db.putMetaLong(ChainDatabase.META_TX_INDEX, txIndexHeight);
            db.commit();
            return true;
        } catch (RuntimeException e) {
            db.rollback();
            txIndexHeight = batch.fromHeight() - 1;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private void publishTxIndexProgress(boolean building) {
        int indexed;
        int chainHeight;
        lock.lock();
        try {
            indexed = txIndexHeight;
            chainHeight = chain.active().size() - 1;
        } finally {
            lock.unlock();
        }
        events.publish(new ChainEvent.TxIndexProgress(indexed, chainHeight, building));
    }


    /** A block at {@code height} was connected (in its transaction, under the lock). */
    void connected(List<Transaction> txs, int height) {
        if (txIndexOn && height == txIndexHeight + 1) {
            // below the indexed height + 1 only while the background build has not caught up; it will index this
            index(txs, height);
        }
    }

    /** The block at {@code height} was disconnected (in its transaction, under the lock). */
    void disconnected(List<Transaction> txs, int height) {
        if (txIndexOn && height <= txIndexHeight) {
            // disconnects run from the tip down, so this is the highest indexed block
            for (Transaction tx : txs) {
                db.unindexTx(tx.txid());
            }
            txIndexHeight = height - 1;
            db.putMetaLong(ChainDatabase.META_TX_INDEX, txIndexHeight);
        }
    }

    /** The indexed height (a reorganisation keeps it to restore should it be rolled back). */
    int height() {
        return txIndexHeight;
    }

    void restoreHeight(int height) {
        txIndexHeight = height;
    }

    private void index(List<Transaction> txs, int height) {
        for (Transaction tx : txs) {
            db.indexTx(tx.txid(), height);
        }
        txIndexHeight = height;
        db.putMetaLong(ChainDatabase.META_TX_INDEX, height);
    }

    /** Waits for a running build to stop after its current batch (the chain is closing). */
    void awaitBuildStopped() {
        Thread builder;
        lock.lock();
        try {
            builder = txIndexBuilder;
        } finally {
            lock.unlock();
        }
        if (builder != null) {
            try {
                builder.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
