package org.peerchain.chain;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.peerchain.consensus.BlockRules;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.Coin;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.consensus.Difficulty;
import org.peerchain.consensus.HeaderAncestry;
import org.peerchain.consensus.SignatureVerifier;
import org.peerchain.consensus.TxRules;
import org.peerchain.consensus.UtxoView;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.CanonicalReader;
import org.peerchain.core.CanonicalWriter;
import org.peerchain.core.DecodingException;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.events.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the chain: the header tree, the active chain, the block store and the UTXO set. Every
 * mutation happens under one lock; listeners on the event bus are called under it, after the database
 * has committed, so what they read is what is stored.
 *
 * <p>Blocks are checked without context first, then against their parent's branch, stored, and the
 * branch with the most work is activated. A reorganisation (disconnect to the fork, connect the new
 * branch) is one SQLite transaction: it happens whole or not at all.
 *
 * <p>Near the best header each block is committed as it connects. Far behind it (more than
 * {@link #BATCH_WHEN_BEHIND} blocks) connects are batched, up to {@link #BATCH_MAX_BLOCKS} blocks or
 * {@link #BATCH_MAX_MILLIS} in one transaction, and their events are held until it commits: a crash loses at most
 * the open batch, whose blocks are downloaded again (STORAGE.md, "Batched connects").
 */
public final class ChainState implements UtxoView, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChainState.class);
    /** About how many progress events loading the block index sends, however long the chain. */
    static final int INDEX_LOAD_PROGRESS_STEPS = 100;

    /** Where a transaction of the active chain is. */
    public record TxLocation(Hash blockHash, int height) {
    }

    /** The transaction index: on or off, the height it is complete to, and whether it is being built. */
    public record TxIndexProgress(boolean enabled, int indexedHeight, boolean building) {
    }

    /** An unspent output found by {@link #scanCoins}. */
    public record CoinAt(OutPoint outPoint, Coin coin) {
    }

    /** What {@link #scanCoins} found, and the chain it looked at: the set at {@code bestBlock}, of {@code txouts} coins. */
    public record ScannedCoins(int height, Hash bestBlock, long txouts, List<CoinAt> coins) {
    }
    /** Blocks whose parent is unknown, held until it arrives. */
    public static final int MAX_ORPHAN_BLOCKS = 100;
    /**
     * While the best header is more than this many blocks above the tip (initial sync, or a node back after a long
     * time away), blocks are connected in batches: several per database transaction. Nearer the tip each block is
     * one durable transaction. STORAGE.md, "Batched connects".
     */
    public static final int BATCH_WHEN_BEHIND = 144;
    /** Most blocks in one batch: what a crash can make the node download and connect again. */
    public static final int BATCH_MAX_BLOCKS = 1_000;
    /** How the log line of a stored batch begins (the crash soak aims kills at it). */
    public static final String BATCH_LOG = "Stored a batch of";
    /** Longest a batch stays open, however few its blocks (a slow or stalled download still commits). */
    public static final long BATCH_MAX_MILLIS = 1_000;
    /** Entries ever marked invalid (an upper bound); while 0, no header needs its ancestors searched for one. */
    private int failedEntries;
    /** Blocks whose signatures are being checked ahead of their turn. */
    public static final int MAX_PREVERIFIED_BLOCKS = 1024;
    /** The tip, the UTXO count and the UTXO total, in one row so that a connect writes it once. */
    private static final String META_STATE = "state";
    private static final String META_NETWORK = "network";

    private final ReentrantLock lock = new ReentrantLock();
    private final ChainParams params;
    private final ChainDatabase db;
    private final EventBus events;
    private final LongSupplier clockSeconds;
    private final SignatureVerifier verifier;
    private final Map<Hash, BlockIndexEntry> index = new HashMap<>();
    private final Map<Hash, List<BlockIndexEntry>> children = new HashMap<>();
    private final List<BlockIndexEntry> active = new ArrayList<>();
    private final TreeSet<BlockIndexEntry> candidates = new TreeSet<>(
            Comparator.comparing(BlockIndexEntry::chainWork).reversed()
                    .thenComparingLong(e -> e.sequence)
                    .thenComparing(BlockIndexEntry::hash));
    private final OrphanBlocks orphans = new OrphanBlocks(MAX_ORPHAN_BLOCKS);
    /**
     * Blocks {@link #preverify} found well-formed (proof of work, merkle root, each transaction's form), by hash: the
     * same block object reaching {@link #processBlock} is not checked again (about a tenth of a small block's cost in a
     * sync). Compared by identity, so another block with the same header is checked in full.
     */
    private final Map<Hash, Block> formChecked = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Block> eldest) {
            return size() > MAX_PREVERIFIED_BLOCKS;
        }
    });
    private final Map<Hash, SignatureVerifier.Pending> preverified =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Hash, SignatureVerifier.Pending> eldest) {
                    return size() > MAX_PREVERIFIED_BLOCKS;
                }
            });
    private BlockIndexEntry bestHeader;
    /** The block being stored right now, so that connecting it does not read it back from the database. */
    private Block arrivingBlock;
    private long sequence;
    private long txouts;
    private long totalAmount;
    private final TxIndex txIndex;
    private volatile boolean closing;
    /** Blocks connected in the open batch, not yet committed; 0 when no batch is open. */
    private int batchedBlocks;
    private long batchOpenedNanos;
    /** Whether the block being stored now joins a batch (its connect then commits nothing). */
    private boolean batchingThisBlock;
    /** The open batch's events, published once it commits, so that listeners only ever see what is stored. */
    private final List<ChainEvent> deferredEvents = new ArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService batchFlusher;
    /** Why a batch could not be committed; from then on the chain takes no more writes (a restart goes on). */
    private volatile String brokenBy;

    private ChainState(ChainParams params, ChainDatabase db, EventBus events, Executor verifyExecutor,
            LongSupplier clockSeconds) {
        this.params = params;
        this.db = db;
        this.events = events;
        this.clockSeconds = clockSeconds;
        this.verifier = new SignatureVerifier(verifyExecutor);
        this.batchFlusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chain-batch-flush");
            t.setDaemon(true);
            return t;
        });
        batchFlusher.scheduleWithFixedDelay(this::commitBatchIfDue, BATCH_MAX_MILLIS / 4, BATCH_MAX_MILLIS / 4,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        this.txIndex = new TxIndex(db, lock, events, new TxIndex.Chain() {
            @Override
            public List<BlockIndexEntry> active() {
                return active;
            }

            @Override
            public boolean onActiveChain(BlockIndexEntry e) {
                return ChainState.this.onActiveChain(e);
            }

            @Override
            public Block decode(Hash hash, byte[] data) {
                return decodeBlock(hash, data);
            }

            @Override
            public boolean closing() {
                return closing;
            }
        });
    }

    /**
     * Opens (or creates) the chain in {@code dir}. The stored state is restored exactly: the index is
     * loaded, the tip is the stored one, and only a block that was stored but not yet connected when the
     * process stopped is connected now.
     */
    public static ChainState open(Path dir, ChainParams params, EventBus events, Executor verifyExecutor,
            LongSupplier clockSeconds) {
        return open(ChainDatabase.open(dir), params, events, verifyExecutor, clockSeconds);
    }

    /** Opens with {@code cacheMb} megabytes for the database's caches ({@link ChainCache}). */
    public static ChainState open(Path dir, ChainParams params, EventBus events, Executor verifyExecutor,
            LongSupplier clockSeconds, int cacheMb) {
        return open(ChainDatabase.open(dir, cacheMb), params, events, verifyExecutor, clockSeconds);
    }

    /** Opens with the UTXO log folded into the table after {@code foldLogRows} logged transactions (tests). */
    static ChainState openFoldingEvery(Path dir, ChainParams params, EventBus events, Executor verifyExecutor,
            LongSupplier clockSeconds, int foldLogRows) {
        return open(ChainDatabase.open(dir, foldLogRows, ChainDatabase.FOLD_ENTRIES), params, events, verifyExecutor,
                clockSeconds);
    }

    private static ChainState open(ChainDatabase db, ChainParams params, EventBus events, Executor verifyExecutor,
            LongSupplier clockSeconds) {
        ChainState chain = new ChainState(params, db, events, verifyExecutor, clockSeconds);
        try {
            chain.load();
        } catch (RuntimeException e) {
            chain.batchFlusher.shutdownNow();
            db.close();
            throw e;
        }
        return chain;
    }

    private void load() {
        lock.lock();
        try {
            byte[] network = db.meta(META_NETWORK);
            if (network == null) {
                initialise();
                return;
            }
            txIndex.load();
            String stored = new String(network, java.nio.charset.StandardCharsets.UTF_8);
            if (!stored.equals(params.networkId())) {
                throw new ChainStoreException("The chain database " + db.file() + " belongs to network '" + stored
                        + "', not '" + params.networkId() + "'. Use the data directory of that network.");
            }
            int total = db.headerCount();
            int[] loaded = {0};
            int step = Math.max(1, total / INDEX_LOAD_PROGRESS_STEPS);
            db.loadHeaders(row -> {
                BlockIndexEntry parent = row.height() == 0 ? null : index.get(row.header().prevHash());
                if (row.height() > 0 && parent == null) {
                    throw new ChainStoreException("The chain database " + db.file()
                            + " is inconsistent: block " + row.header().hash() + " has no stored parent.");
                }
                BigInteger work = CompactTarget.work(row.header().bits());
                BlockIndexEntry e = new BlockIndexEntry(row.header(), row.height(),
                        parent == null ? work : parent.chainWork().add(work), parent, row.status(), row.sequence());
                addToIndex(e);
                sequence = Math.max(sequence, row.sequence() + 1);
                loaded[0]++;
                if (loaded[0] % step == 0 || loaded[0] == total) {
                    events.publish(new ChainEvent.BlockIndexLoading(loaded[0], total));
                }
            });
            byte[] state = db.meta(META_STATE);
            if (state == null || state.length != Hash.LENGTH + 16) {
                throw new ChainStoreException("The chain database " + db.file()
                        + " is inconsistent: its chain state record is missing or damaged.");
            }
            java.nio.ByteBuffer stateBuf = java.nio.ByteBuffer.wrap(state);
            byte[] tipBytes = new byte[Hash.LENGTH];
            stateBuf.get(tipBytes);
            BlockIndexEntry tip = index.get(Hash.wrap(tipBytes));
            if (tip == null) {
                throw new ChainStoreException("The chain database " + db.file()
                        + " is inconsistent: its tip is not in its block index.");
            }
            if (!tip.ancestor(0).hash().equals(params.genesisHash())) {
                throw new ChainStoreException("The chain database " + db.file() + " has a different genesis block.");
            }
            setActive(tip);
            txouts = stateBuf.getLong();
            totalAmount = stateBuf.getLong();
            for (BlockIndexEntry e : index.values()) {
                if (e.status() == BlockStatus.HAVE_DATA && e.chainWork().compareTo(tip.chainWork()) > 0) {
                    candidates.add(e);
                }
            }
            activateBestChain();
            log.info("Chain loaded: {} blocks known, tip {} at height {}", index.size(), tip().hash(), height());
        } finally {
            lock.unlock();
        }
    }

    private void initialise() {
        Block genesis = params.genesis();
        BlockIndexEntry g = new BlockIndexEntry(genesis.header(), 0, CompactTarget.work(genesis.header().bits()),
                null, BlockStatus.HAVE_DATA, sequence++);
        db.putMeta(META_NETWORK, params.networkId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        db.putMetaLong(ChainDatabase.META_SCHEMA, ChainDatabase.SCHEMA_VERSION);
        db.putHeader(g);
        db.putBlock(g, genesis.serialize());
        writeState(g.hash());
        db.commit();
        addToIndex(g);
        active.add(g);
    }

    private void writeState(Hash tip) {
        db.putMeta(META_STATE, java.nio.ByteBuffer.allocate(Hash.LENGTH + 16).put(tip.toBytes())
                .putLong(txouts).putLong(totalAmount).array());
    }

    private void addToIndex(BlockIndexEntry e) {
        if (e.status() == BlockStatus.FAILED) {
            failedEntries++;
        }
        index.put(e.hash(), e);
        if (e.status() != BlockStatus.FAILED
                && (bestHeader == null || e.chainWork().compareTo(bestHeader.chainWork()) > 0)) {
            bestHeader = e;
        }
        if (e.parent() != null) {
            children.computeIfAbsent(e.parent().hash(), k -> new ArrayList<>(1)).add(e);
        }
    }

    private void setActive(BlockIndexEntry tip) {
        active.clear();
        for (int i = 0; i <= tip.height(); i++) {
            active.add(null);
        }
        for (BlockIndexEntry e = tip; e != null; e = e.parent()) {
            active.set(e.height(), e);
        }
    }

    // ------------------------------------------------------------------ reads

    public ChainParams params() {
        return params;
    }

    public BlockIndexEntry tip() {
        lock.lock();
        try {
            return active.get(active.size() - 1);
        } finally {
            lock.unlock();
        }
    }

    public int height() {
        return tip().height();
    }

    /** The entry of the active chain at {@code height}, or null beyond the tip. */
    public BlockIndexEntry entryAt(int height) {
        lock.lock();
        try {
            return height < 0 || height >= active.size() ? null : active.get(height);
        } finally {
            lock.unlock();
        }
    }

    /** The header with the most work that is not known to be invalid (it may lack its block). */
    public BlockIndexEntry bestHeader() {
        lock.lock();
        try {
            return bestHeader != null && bestHeader.status() != BlockStatus.FAILED ? bestHeader
                    : active.get(active.size() - 1);
        } finally {
            lock.unlock();
        }
    }

    /** Any known block or header, on any branch, or null. */
    public BlockIndexEntry entry(Hash hash) {
        lock.lock();
        try {
            return index.get(hash);
        } finally {
            lock.unlock();
        }
    }

    public boolean isActive(BlockIndexEntry e) {
        lock.lock();
        try {
            return onActiveChain(e);
        } finally {
            lock.unlock();
        }
    }

    private boolean onActiveChain(BlockIndexEntry e) {
        return e.height() < active.size() && active.get(e.height()) == e;
    }

    /** The stored block, or null when only its header (or nothing) is known. */
    public Block block(Hash hash) {
        lock.lock();
        try {
            byte[] data = db.block(hash);
            return data == null ? null : decodeBlock(hash, data);
        } finally {
            lock.unlock();
        }
    }

    /** The stored canonical bytes of a block, or null. */
    public byte[] blockBytes(Hash hash) {
        lock.lock();
        try {
            return db.block(hash);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Coin coin(OutPoint outPoint) {
        lock.lock();
        try {
            return db.coin(outPoint);
        } finally {
            lock.unlock();
        }
    }

    public UtxoStats utxoStats() {
        lock.lock();
        try {
            BlockIndexEntry tip = active.get(active.size() - 1);
            return new UtxoStats(tip.height(), tip.hash(), txouts, totalAmount);
        } finally {
            lock.unlock();
        }
    }

    /** A digest of the whole UTXO set: equal on two nodes exactly when their sets are equal. */
    public Hash utxoDigest() {
        lock.lock();
        try {
            if (batchedBlocks > 0) {
                commit(); // the digest folds the UTXO log into the table, which commits
            }
            return db.utxoDigest();
        } finally {
            lock.unlock();
        }
    }

    /** SQLite's full integrity check of the chain database: "ok" when sound. */
    public String integrityCheck() {
        lock.lock();
        try {
            return db.integrityCheck();
        } finally {
            lock.unlock();
        }
    }

    /** Median time past at the tip: a new block's time must be above it. */
    public long medianTimePast() {
        lock.lock();
        try {
            return Difficulty.medianTimePast(ancestry(active.get(active.size() - 1)));
        } finally {
            lock.unlock();
        }
    }

    public long medianTimePast(BlockIndexEntry e) {
        lock.lock();
        try {
            return Difficulty.medianTimePast(ancestry(e));
        } finally {
            lock.unlock();
        }
    }

    /** The bits a block on the current tip must carry. */
    public long nextBits() {
        lock.lock();
        try {
            return Difficulty.nextBits(ancestry(active.get(active.size() - 1)), params);
        } finally {
            lock.unlock();
        }
    }

    /** Every leaf of the header tree (bitcoind's chain tips), the active tip first. */
    public List<BlockIndexEntry> tips() {
        lock.lock();
        try {
            List<BlockIndexEntry> tips = new ArrayList<>();
            tips.add(active.get(active.size() - 1));
            for (BlockIndexEntry e : index.values()) {
                if (!children.containsKey(e.hash()) && !onActiveChain(e)) {
                    tips.add(e);
                }
            }
            return tips;
        } finally {
            lock.unlock();
        }
    }

    /** The height at which {@code e}'s branch leaves the active chain. */
    public BlockIndexEntry forkPoint(BlockIndexEntry e) {
        lock.lock();
        try {
            BlockIndexEntry x = e;
            while (!onActiveChain(x)) {
                x = x.parent();
            }
            return x;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the chain's lock, so that the chain cannot change while it reads. */
    public <T> T read(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** The chain's lock, for parts (the mempool) whose state must move in step with the chain. */
    public ReentrantLock lock() {
        return lock;
    }

    /** Reads the branch ending at {@code tip} by height: the active chain directly, side branches by walking. */
    private HeaderAncestry ancestry(BlockIndexEntry tip) {
        return new HeaderAncestry() {
            @Override
            public int height() {
                return tip.height();
            }

            @Override
            public long timeAt(int height) {
                return onBranch(tip, height).header().time();
            }

            @Override
            public long bitsAt(int height) {
                return onBranch(tip, height).header().bits();
            }
        };
    }

    private BlockIndexEntry onBranch(BlockIndexEntry tip, int height) {
        BlockIndexEntry e = tip;
        while (e.height() > height) {
            if (onActiveChain(e)) {
                return active.get(height);
            }
            e = e.parent();
        }
        return e;
    }

    // ------------------------------------------------------------------ lookups for explorers

    /**
     * Where a transaction of the active chain is, from the transaction index; empty when the index is off, when
     * the transaction is unknown, or when its block lies above the height the index has been built to so far.
     */
    public java.util.Optional<TxLocation> txLocation(Hash txid) {
        return txIndex.location(txid);
    }

    public TxIndexProgress txIndexProgress() {
        return txIndex.progress();
    }

    /** Turns the transaction index on (see {@link TxIndex#enable}). */
    public void enableTxIndex() {
        txIndex.enable(TxIndex.BATCH_BLOCKS);
    }

    /** As {@link #enableTxIndex()}, with the build reading {@code batchBlocks} blocks per batch (tests: smaller). */
    void enableTxIndex(int batchBlocks) {
        txIndex.enable(batchBlocks);
    }

    /** Turns the transaction index off (see {@link TxIndex#disable}). */
    public void disableTxIndex() {
        txIndex.disable();
    }

    /**
     * The outputs a connected block's inputs spent, in spending order, from its undo data: empty for a block with
     * none (genesis, a block on a side branch, an unknown hash).
     */
    public Map<OutPoint, Coin> spentOutputs(Hash blockHash) {
        lock.lock();
        try {
            byte[] undo = db.undo(blockHash);
            return undo == null ? Map.of() : Collections.unmodifiableMap(readUndo(blockHash, undo));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every unspent output paying one of {@code keyHashes}, as the UTXO set was at the tip when the scan started:
     * the lock is held only to take that snapshot; the table is then read on a connection of the scan's own
     * while blocks keep connecting. Reports progress from 0 to 1.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true during the scan
     */
    public ScannedCoins scanCoins(java.util.Set<KeyHash> keyHashes, java.util.function.DoubleConsumer progress,
            java.util.function.BooleanSupplier cancelled) {
        UtxoSnapshot snapshot;
        BlockIndexEntry tip;
        long coins;
        lock.lock();
        try {
            if (batchedBlocks > 0) {
                commit();
            }
            snapshot = db.utxoSnapshot(keyHashes);
            tip = active.get(active.size() - 1);
            coins = txouts;
        } finally {
            lock.unlock();
        }
        try (snapshot) {
            List<CoinAt> found = new ArrayList<>(snapshot.scan(progress, cancelled));
            found.sort(Comparator.comparingInt((CoinAt c) -> c.coin().height())
                    .thenComparing(c -> c.outPoint().txid().toString())
                    .thenComparingLong(c -> c.outPoint().index()));
            return new ScannedCoins(tip.height(), tip.hash(), coins, List.copyOf(found));
        }
    }

    // ------------------------------------------------------------------ writes

    /**
     * Starts checking a block's signatures now, on the verification executor, so that they are done by the
     * time the block's turn comes (during sync, while earlier blocks are being written). Only for a block whose
     * proof of work, merkle root and transactions pass the checks that need no chain: a block anyone can make for
     * free (no work, or a real header over other transactions) costs no verification ({@link #processBlock} then
     * names the rule it breaks).
     */
    public void preverify(Block block) {
        try {
            BlockRules.checkBlock(block, params);
        } catch (ValidationException e) {
            return;
        }
        formChecked.put(block.hash(), block);
        preverified.computeIfAbsent(block.hash(), h -> verifier.verify(block.transactions()));
    }

    /**
     * Accepts a header whose block may follow later (headers-first sync).
     *
     * @throws ValidationException when the header breaks a rule or builds on an unknown or invalid block
     */
    public BlockIndexEntry acceptHeader(BlockHeader header) throws ValidationException {
        BlockRules.checkHeader(header, params);
        lock.lock();
        try {
            BlockIndexEntry known = index.get(header.hash());
            if (known != null) {
                if (known.status() == BlockStatus.FAILED) {
                    throw new ValidationException("duplicate-invalid", "block " + header.hash() + " is known to be invalid");
                }
                return known;
            }
            BlockIndexEntry parent = index.get(header.prevHash());
            if (parent == null) {
                throw new ValidationException("prev-blk-not-found", "the parent " + header.prevHash() + " is unknown");
            }
            BlockIndexEntry e = addHeader(header, parent, BlockStatus.HEADER_ONLY);
            commit();
            return e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Accepts consecutive headers (a {@code headers} answer) under one lock and one database commit, instead of a
     * commit per header. Headers before a failing one stay accepted.
     *
     * @return the entries, in order
     * @throws ValidationException for the first header that breaks a rule or builds on an unknown or invalid block
     */
    public List<BlockIndexEntry> acceptHeaders(List<BlockHeader> headers) throws ValidationException {
        for (BlockHeader h : headers) {
            BlockRules.checkHeader(h, params);
        }
        List<BlockIndexEntry> out = new ArrayList<>(headers.size());
        lock.lock();
        try {
            try {
                for (BlockHeader header : headers) {
                    BlockIndexEntry known = index.get(header.hash());
                    if (known != null) {
                        if (known.status() == BlockStatus.FAILED) {
                            throw new ValidationException("duplicate-invalid", "block " + header.hash() + " is known to be invalid");
                        }
                        out.add(known);
                        continue;
                    }
                    BlockIndexEntry parent = index.get(header.prevHash());
                    if (parent == null) {
                        throw new ValidationException("prev-blk-not-found", "the parent " + header.prevHash() + " is unknown");
                    }
                    out.add(addHeader(header, parent, BlockStatus.HEADER_ONLY));
                }
            } finally {
                commit();
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private BlockIndexEntry addHeader(BlockHeader header, BlockIndexEntry parent, BlockStatus status)
            throws ValidationException {
        if (parent.status() == BlockStatus.FAILED || hasFailedAncestor(parent)) {
            throw new ValidationException("bad-prevblk", "the parent " + parent.hash() + " is invalid");
        }
        BlockRules.checkHeaderContext(header, ancestry(parent), params, clockSeconds.getAsLong());
        BlockIndexEntry e = new BlockIndexEntry(header, parent.height() + 1,
                parent.chainWork().add(CompactTarget.work(header.bits())), parent, status, sequence++);
        db.putHeader(e);
        addToIndex(e);
        return e;
    }

    private boolean hasFailedAncestor(BlockIndexEntry e) {
        if (failedEntries == 0) {
            // The walk below is O(branch length): without this, headers-first sync was quadratic in the headers
            // ahead of the tip (each new header walked back over all header-only entries before it).
            return false;
        }
        for (BlockIndexEntry x = e; x != null && !onActiveChain(x); x = x.parent()) {
            if (x.status() == BlockStatus.FAILED) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes a block from anywhere (a peer, the miner, a test): checks it, stores it, and makes the branch
     * with the most work active.
     *
     * @throws ValidationException naming the rule the block breaks; nothing is stored in that case
     *     (a block that breaks a rule of its own content is remembered as invalid)
     */
    public BlockOutcome processBlock(Block block) throws ValidationException {
        Hash hash = block.hash();
        SignatureVerifier.Pending early = preverified.remove(hash);
        BlockIndexEntry known = entry(hash);
        if (known != null && known.status() == BlockStatus.HAVE_DATA) {
            return BlockOutcome.ALREADY_KNOWN;
        }
        if (known != null && known.status() == BlockStatus.FAILED) {
            throw new ValidationException("duplicate-invalid", "block " + hash + " is known to be invalid");
        }
        if (formChecked.remove(hash) != block) {
            BlockRules.checkBlock(block, params);
        }
        lock.lock();
        try {
            BlockOutcome outcome = storeAndActivate(block, early);
            if (outcome != BlockOutcome.ORPHAN) {
                connectOrphansOf(hash);
            }
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    private BlockOutcome storeAndActivate(Block block, SignatureVerifier.Pending early) throws ValidationException {
        requireWritable();
        Hash hash = block.hash();
        BlockIndexEntry e = index.get(hash);
        if (e != null && e.status() == BlockStatus.HAVE_DATA) {
            return BlockOutcome.ALREADY_KNOWN;
        }
        if (e != null && e.status() == BlockStatus.FAILED) {
            throw new ValidationException("duplicate-invalid", "block " + hash + " is known to be invalid");
        }
        BlockIndexEntry parent = index.get(block.header().prevHash());
        if (parent == null) {
            orphans.add(block);
            return BlockOutcome.ORPHAN;
        }
        if (e == null) {
            e = addHeader(block.header(), parent, BlockStatus.HEADER_ONLY);
        }
        try {
            BlockRules.checkCoinbaseHeight(block, e.height());
        } catch (ValidationException ex) {
            markFailed(e);
            throw ex;
        }
        if (early != null) {
            preverified.put(hash, early);
        }
        // Stored in the same transaction as the connect that usually follows: one commit per block.
        db.putBlock(e, block.serialize());
        db.setStatus(hash, BlockStatus.HAVE_DATA);
        e.setStatus(BlockStatus.HAVE_DATA);
        addCandidates(e);
        arrivingBlock = block;
        batchingThisBlock = batchDue();
        ValidationException failure;
        try {
            try {
                failure = activateBestChain();
            } finally {
                arrivingBlock = null;
            }
            if (batchingThisBlock && batchedBlocks + 1 < BATCH_MAX_BLOCKS
                    && (batchedBlocks == 0 || System.nanoTime() - batchOpenedNanos < BATCH_MAX_MILLIS * 1_000_000)) {
                if (batchedBlocks++ == 0) {
                    batchOpenedNanos = System.nanoTime();
                }
            } else {
                commit();
            }
        } finally {
            batchingThisBlock = false;
        }
        if (e.status() == BlockStatus.FAILED && failure != null) {
            throw failure;
        }
        return onActiveChain(e) ? BlockOutcome.ACTIVE : BlockOutcome.SIDE_BRANCH;
    }

    /**
     * Whether the block about to be connected may join a batch: far behind the best header, and not a block this
     * node could not get again (one mined here is at the tip, so it never qualifies).
     */
    private boolean batchDue() {
        return bestHeader.height() - active.get(active.size() - 1).height() > BATCH_WHEN_BEHIND;
    }

    /**
     * Commits the open transaction (the open batch's blocks with it), then publishes the events held back for
     * them. Under the lock.
     */
    private void commit() {
        int stored = batchedBlocks + (batchingThisBlock ? 1 : 0);
        try {
            db.commit();
        } catch (ChainStoreException e) {
            if (batchedBlocks > 0 || batchingThisBlock) {
                // The blocks connected in memory are not stored: going on from them would build on coins that
                // are not in the database.
                brokenBy = e.getMessage();
            }
            throw e;
        }
        batchedBlocks = 0;
        if (stored > 1) {
            BlockIndexEntry tip = active.get(active.size() - 1);
            log.info("{} {} blocks, up to height {} of {}", BATCH_LOG, stored, tip.height(), bestHeader.height());
        }
        if (deferredEvents.isEmpty()) {
            return;
        }
        List<ChainEvent> held = new ArrayList<>(deferredEvents);
        deferredEvents.clear();
        // Of a batch's tip changes the last is the one that matters; it says "reorganised" if any of them did.
        ChainEvent.TipChanged last = null;
        boolean reorganised = false;
        for (ChainEvent e : held) {
            if (e instanceof ChainEvent.TipChanged t) {
                last = t;
                reorganised |= t.reorganised();
            }
        }
        for (ChainEvent e : held) {
            if (!(e instanceof ChainEvent.TipChanged)) {
                events.publish(e);
            }
        }
        if (last != null) {
            events.publish(new ChainEvent.TipChanged(last.hash(), last.height(), last.chainWork(), last.time(),
                    reorganised));
        }
    }

    private void requireWritable() {
        String why = brokenBy;
        if (why != null) {
            throw new ChainStoreException("The chain database could not store a batch of connected blocks (" + why
                    + "), so this node takes no more blocks. Stop it and start it again: it goes on from the last"
                    + " stored block.");
        }
    }

    /** An event of the chain's: published now, or held until the open batch commits. */
    private void publish(ChainEvent e) {
        if (batchedBlocks > 0 || batchingThisBlock) {
            deferredEvents.add(e);
        } else {
            events.publish(e);
        }
    }

    /** The flusher's turn: a batch open longer than {@link #BATCH_MAX_MILLIS} (blocks stopped coming) commits. */
    private void commitBatchIfDue() {
        if (closing) {
            return;
        }
        lock.lock();
        try {
            if (batchedBlocks > 0 && System.nanoTime() - batchOpenedNanos >= BATCH_MAX_MILLIS * 1_000_000) {
                commit();
            }
        } catch (RuntimeException e) {
            log.warn("Committing a batch of connected blocks failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Blocks connected but not yet committed (the open batch's); 0 near the tip. */
    public int uncommittedBlocks() {
        lock.lock();
        try {
            return batchedBlocks;
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code e} and every descendant that already has its data to the candidate tips. */
    private void addCandidates(BlockIndexEntry e) {
        Deque<BlockIndexEntry> pending = new ArrayDeque<>();
        pending.add(e);
        BigInteger tipWork = active.get(active.size() - 1).chainWork();
        while (!pending.isEmpty()) {
            BlockIndexEntry x = pending.poll();
            if (x.status() != BlockStatus.HAVE_DATA) {
                continue;
            }
            if (x.chainWork().compareTo(tipWork) > 0) {
                candidates.add(x);
            }
            pending.addAll(children.getOrDefault(x.hash(), List.of()));
        }
    }

    /** Ed25519 verifications run on blocks' transactions so far (read by tests: what a block cost to check). */
    public long signatureVerifications() {
        return verifier.verifications();
    }

    public int orphanCount() {
        lock.lock();
        try {
            return orphans.size();
        } finally {
            lock.unlock();
        }
    }

    private void connectOrphansOf(Hash parent) {
        Deque<Hash> parents = new ArrayDeque<>();
        parents.add(parent);
        while (!parents.isEmpty()) {
            for (Block orphan : orphans.takeChildrenOf(parents.poll())) {
                try {
                    BlockRules.checkBlock(orphan, params);
                    storeAndActivate(orphan, null);
                    parents.add(orphan.hash());
                } catch (ValidationException e) {
                    log.info("Orphan block {} is invalid: {}", orphan.hash(), e.getMessage());
                }
            }
        }
    }

    /** Marks {@code e} and every known block that builds on it invalid, for good. */
    private void markFailed(BlockIndexEntry e) {
        Deque<BlockIndexEntry> pending = new ArrayDeque<>();
        pending.add(e);
        while (!pending.isEmpty()) {
            BlockIndexEntry x = pending.poll();
            x.setStatus(BlockStatus.FAILED);
            failedEntries++;
            db.setStatus(x.hash(), BlockStatus.FAILED);
            candidates.remove(x);
            pending.addAll(children.getOrDefault(x.hash(), List.of()));
        }
        commit();
    }

    /**
     * Moves the active chain to the valid branch with the most work. Returns the validation failure of the
     * last block that was tried and found invalid, or null.
     */
    private ValidationException activateBestChain() {
        ValidationException lastFailure = null;
        while (!candidates.isEmpty()) {
            BlockIndexEntry best = candidates.first();
            BlockIndexEntry tip = active.get(active.size() - 1);
            if (best.chainWork().compareTo(tip.chainWork()) <= 0) {
                candidates.clear();
                break;
            }
            candidates.remove(best);
            if (!branchReady(best)) {
                continue;
            }
            try {
                reorganise(best);
            } catch (BlockFailure f) {
                lastFailure = f.cause;
                log.info("Block {} at height {} is invalid: {}", f.block.hash(), f.block.height(), f.cause.getMessage());
                markFailed(f.block);
                // The valid part of the branch below the bad block may still have more work than the tip.
                BlockIndexEntry below = f.block.parent();
                if (!onActiveChain(below) && below.chainWork().compareTo(tip.chainWork()) > 0) {
                    candidates.add(below);
                }
            }
        }
        return lastFailure;
    }

    /** True when every block from the fork point to {@code e} has its data and none is known invalid. */
    private boolean branchReady(BlockIndexEntry e) {
        for (BlockIndexEntry x = e; !onActiveChain(x); x = x.parent()) {
            if (x.status() != BlockStatus.HAVE_DATA) {
                return false;
            }
        }
        return true;
    }

    private static final class BlockFailure extends Exception {
        final BlockIndexEntry block;
        final ValidationException cause;

        BlockFailure(BlockIndexEntry block, ValidationException cause) {
            super(cause.getMessage(), null, false, false);
            this.block = block;
            this.cause = cause;
        }
    }

    private record Step(BlockIndexEntry entry, Block block) {
    }

    /** Disconnects back to the fork and connects the branch to {@code target}, in one database transaction. */
    private void reorganise(BlockIndexEntry target) throws BlockFailure {
        BlockIndexEntry oldTip = active.get(active.size() - 1);
        List<BlockIndexEntry> connect = new ArrayList<>();
        BlockIndexEntry fork = target;
        while (!onActiveChain(fork)) {
            connect.add(fork);
            fork = fork.parent();
        }
        Collections.reverse(connect);
        List<Step> disconnected = new ArrayList<>();
        List<Step> connected = new ArrayList<>();
        long savedTxouts = txouts;
        long savedTotal = totalAmount;
        int savedTxIndexHeight = txIndex.height();
        db.savepoint();
        try {
            for (int h = oldTip.height(); h > fork.height(); h--) {
                BlockIndexEntry e = active.get(h);
                Block b = loadBlock(e);
                disconnect(e, b);
                disconnected.add(new Step(e, b));
            }
            for (BlockIndexEntry e : connect) {
                Block b = loadBlock(e);
                try {
                    connect(e, b);
                } catch (ValidationException v) {
                    throw new BlockFailure(e, v);
                }
                connected.add(new Step(e, b));
            }
            writeState(target.hash());
            db.releaseSavepoint();
            if (!batchingThisBlock) {
                commit();
            }
        } catch (BlockFailure | RuntimeException e) {
            db.rollbackToSavepoint();
            txouts = savedTxouts;
            totalAmount = savedTotal;
            txIndex.restoreHeight(savedTxIndexHeight);
            throw e;
        }
        // Move the active chain in place: drop what was above the fork, append the new branch.
        while (active.size() > fork.height() + 1) {
            active.remove(active.size() - 1);
        }
        active.addAll(connect);
        for (Step s : disconnected) {
            publish(new ChainEvent.BlockDisconnected(s.block(), s.entry().height()));
        }
        for (Step s : connected) {
            publish(new ChainEvent.BlockConnected(s.block(), s.entry().height()));
        }
        if (!disconnected.isEmpty()) {
            log.info("Reorganised: {} blocks disconnected, {} connected, new tip {} at height {}",
                    disconnected.size(), connected.size(), target.hash(), target.height());
        }
        publish(new ChainEvent.TipChanged(target.hash(), target.height(), target.chainWork(),
                target.header().time(), !disconnected.isEmpty()));
    }

    private Block loadBlock(BlockIndexEntry e) {
        Block arriving = arrivingBlock;
        if (arriving != null && arriving.hash().equals(e.hash())) {
            return arriving;
        }
        byte[] data = db.block(e.hash());
        if (data == null) {
            throw new ChainStoreException("The chain database " + db.file() + " lacks the data of block " + e.hash());
        }
        return decodeBlock(e.hash(), data);
    }

    /** SQLite keeps no checksum of a row's content: a damaged stored block is reported with the file it is in. */
    private Block decodeBlock(Hash hash, byte[] data) {
        try {
            return Block.deserialize(data);
        } catch (DecodingException ex) {
            throw new ChainStoreException("The chain database " + db.file() + " holds a damaged copy of block " + hash
                    + " (" + ex.getMessage() + "). Move the file aside to resynchronise from peers.", ex);
        }
    }

    /** Applies a block to the UTXO set inside the open transaction, checking every rule that needs it. */
    private void connect(BlockIndexEntry e, Block block) throws ValidationException {
        SignatureVerifier.Pending signatures = preverified.remove(e.hash());
        if (signatures == null) {
            signatures = verifier.verify(block.transactions());
        }
        int height = e.height();
        CanonicalWriter undo = new CanonicalWriter(64 + block.transactions().size() * 80);
        List<Transaction> txs = block.transactions();
        long fees = 0;
        int spentCount = 0;
        CanonicalWriter spent = new CanonicalWriter();
        for (int i = 1; i < txs.size(); i++) {
            Transaction tx = txs.get(i);
            // Looking a coin up spends it (one statement); a failure rolls the savepoint back.
            Map<OutPoint, Coin> found = new HashMap<>();
            fees += TxRules.checkInputs(tx, p -> {
                Coin c = db.spendCoin(p);
                if (c != null) {
                    found.put(p, c);
                }
                return c;
            }, height);
            for (TxInput in : tx.inputs()) {
                Coin c = found.get(in.prevout());
                writeUndoCoin(spent, in.prevout(), c);
                spentCount++;
                txouts--;
                totalAmount -= c.output().amount();
            }
            addOutputs(tx, height, false);
        }
        BlockRules.checkCoinbaseAmount(block, fees, height, params);
        addOutputs(txs.get(0), height, true);
        signatures.await();
        undo.compactSize(spentCount).raw(spent.toByteArray());
        db.putUndo(e, undo.toByteArray());
        txIndex.connected(txs, height);
    }

    private void addOutputs(Transaction tx, int height, boolean coinbase) {
        Hash txid = tx.txid();
        List<TxOutput> outs = tx.outputs();
        for (int v = 0; v < outs.size(); v++) {
            db.addCoin(new OutPoint(txid, v), new Coin(outs.get(v), height, coinbase));
            txouts++;
            totalAmount += outs.get(v).amount();
        }
    }

    static void writeUndoCoin(CanonicalWriter w, OutPoint p, Coin c) {
        w.hash(p.txid()).u32(p.index()).i64(c.output().amount()).raw(c.output().keyHash().toBytes())
                .u32(c.height()).u8(c.coinbase() ? 1 : 0);
    }

    /** Reverses a block: removes the outputs it created and restores the ones it spent, from its undo data. */
    private void disconnect(BlockIndexEntry e, Block block) {
        byte[] undoBytes = db.undo(e.hash());
        if (undoBytes == null) {
            throw new ChainStoreException("The chain database " + db.file() + " lacks the undo data of block " + e.hash());
        }
        List<Transaction> txs = block.transactions();
        for (int i = txs.size() - 1; i >= 0; i--) {
            Transaction tx = txs.get(i);
            for (int v = 0; v < tx.outputs().size(); v++) {
                db.deleteCoin(new OutPoint(tx.txid(), v));
                txouts--;
                totalAmount -= tx.outputs().get(v).amount();
            }
        }
        for (Map.Entry<OutPoint, Coin> spent : readUndo(e.hash(), undoBytes).entrySet()) {
            db.addCoin(spent.getKey(), spent.getValue());
            txouts++;
            totalAmount += spent.getValue().output().amount();
        }
        db.deleteUndo(e);
        txIndex.disconnected(txs, e.height());
    }

    /** A block's undo data: the coins its inputs spent, in spending order. */
    private Map<OutPoint, Coin> readUndo(Hash block, byte[] undoBytes) {
        try {
            CanonicalReader r = new CanonicalReader(undoBytes);
            long n = r.compactSize("undo count", Integer.MAX_VALUE);
            Map<OutPoint, Coin> spent = new LinkedHashMap<>();
            for (long i = 0; i < n; i++) {
                OutPoint p = new OutPoint(r.hash("undo txid"), r.u32("undo index"));
                long amount = r.i64("undo amount");
                KeyHash k = KeyHash.wrap(r.raw(KeyHash.LENGTH, "undo key hash"));
                int height = (int) r.u32("undo height");
                boolean coinbase = r.u8("undo coinbase") != 0;
                spent.put(p, new Coin(new TxOutput(amount, k), height, coinbase));
            }
            return spent;
        } catch (DecodingException ex) {
            throw new ChainStoreException("The chain database " + db.file() + " holds damaged undo data for block "
                    + block + " (" + ex.getMessage() + "). Move the file aside to resynchronise from peers.", ex);
        }
    }

    @Override
    public void close() {
        closing = true;
        batchFlusher.shutdownNow();
        txIndex.awaitBuildStopped();
        lock.lock();
        try {
            if (batchedBlocks > 0) {
                try {
                    commit();
                } catch (ChainStoreException e) {
                    log.error("The last batch of connected blocks could not be stored; the next start downloads them"
                            + " again", e);
                }
            }
            db.close();
        } finally {
            lock.unlock();
        }
    }
}
