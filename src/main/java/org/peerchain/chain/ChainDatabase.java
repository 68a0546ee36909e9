package org.peerchain.chain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.peerchain.consensus.Coin;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.TxOutput;
import org.peerchain.storage.SqliteFiles;

/**
 * The SQLite file that holds blocks, the block index, undo data and the UTXO set. Used only by
 * {@link ChainState}, on one connection, under its lock. WAL journal with {@code synchronous=NORMAL}: a
 * killed process loses nothing committed, and a power cut at worst the last commits, never consistency.
 */
final class ChainDatabase implements AutoCloseable {

    /**
     * 2: blocks and undo data keyed by the index entry's sequence number, so each new one is appended (schema 1
     * keyed them by hash: every block was an insert at a random place in a B-tree of 2 KB rows).
     * 3: the UTXO log ({@link UtxoOverlay}); a build that does not read it must not open the file.
     * 4: the transaction index ({@code tx_index}); a build that does not maintain it would connect blocks past
     * it while the file still says it is complete.
     */
    static final int SCHEMA_VERSION = 4;
    /** The meta key of the storage layout, an 8-byte big-endian number. */
    static final String META_SCHEMA = "schema";
    static final String FILE_NAME = "chain.db";
    /**
     * The meta key of the transaction index: the height up to which every block of the active chain has its
     * transactions in {@code tx_index} (-1: none yet), an 8-byte big-endian number. Absent: the index is off and
     * the table, if it holds anything, is stale.
     */
    static final String META_TX_INDEX = "txindex";
    /** WAL pages after which a committing writer checkpoints itself (the background thread normally has). */
    static final int BACKSTOP_CHECKPOINT_PAGES = 20_000;
    /** How often the background thread copies the WAL into the database file. */
    static final long CHECKPOINT_INTERVAL_MS = 1_000;
    /** Logged transactions after which the UTXO overlay is written into the table (bounds what opening reads). */
    static final int FOLD_LOG_ROWS = 2_000;
    /** Overlay entries after which it is written into the table, at the default cache ({@link ChainCache}). */
    static final int FOLD_ENTRIES = ChainCache.overlayCoins(ChainCache.DEFAULT_MB);

    private final Path file;
    private final Connection conn;
    private final PreparedStatement getCoin;
    private final PreparedStatement addCoin;
    private final PreparedStatement deleteCoin;
    private final PreparedStatement putHeader;
    private final PreparedStatement setStatus;
    private final PreparedStatement putBlock;
    private final PreparedStatement getBlock;
    private final PreparedStatement putUndo;
    private final PreparedStatement getUndo;
    private final PreparedStatement deleteUndo;
    private final PreparedStatement putMeta;
    private final PreparedStatement getMeta;
    private final PreparedStatement savepoint;
    private final PreparedStatement release;
    private final PreparedStatement rollbackTo;
    private final PreparedStatement putLog;
    private final PreparedStatement deleteMeta;
    private final PreparedStatement indexTx;
    private final PreparedStatement unindexTx;
    private final PreparedStatement txHeight;
    private final UtxoOverlay overlay = new UtxoOverlay();
    private final int foldLogRows;
    private final int foldEntries;
    private int logRows;

    /** A stored header row as loaded at start. */
    record HeaderRow(BlockHeader header, int height, BlockStatus status, long sequence) {
    }

    private final Checkpointer checkpointer;

    private ChainDatabase(Path file, Connection conn, int foldLogRows, int foldEntries) throws SQLException {
        this.file = file;
        this.conn = conn;
        this.foldLogRows = foldLogRows;
        this.foldEntries = foldEntries;
        this.checkpointer = new Checkpointer(file);
        getCoin = conn.prepareStatement("SELECT amount, keyhash, height, coinbase FROM utxo WHERE txid = ? AND vout = ?");
        addCoin = conn.prepareStatement("INSERT INTO utxo (txid, vout, amount, keyhash, height, coinbase) VALUES (?, ?, ?, ?, ?, ?)");
        deleteCoin = conn.prepareStatement("DELETE FROM utxo WHERE txid = ? AND vout = ?");
        putHeader = conn.prepareStatement(
                "INSERT OR REPLACE INTO headers (hash, header, height, status, seq) VALUES (?, ?, ?, ?, ?)");
        setStatus = conn.prepareStatement("UPDATE headers SET status = ? WHERE hash = ?");
        putBlock = conn.prepareStatement("INSERT OR REPLACE INTO block_data (seq, data) VALUES (?, ?)");
        getBlock = conn.prepareStatement(
                "SELECT d.data FROM headers h JOIN block_data d ON d.seq = h.seq WHERE h.hash = ?");
        putUndo = conn.prepareStatement("INSERT OR REPLACE INTO undo_data (seq, data) VALUES (?, ?)");
        getUndo = conn.prepareStatement(
                "SELECT d.data FROM headers h JOIN undo_data d ON d.seq = h.seq WHERE h.hash = ?");
        deleteUndo = conn.prepareStatement("DELETE FROM undo_data WHERE seq = ?");
        putMeta = conn.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        getMeta = conn.prepareStatement("SELECT value FROM meta WHERE key = ?");
        savepoint = conn.prepareStatement("SAVEPOINT reorg");
        release = conn.prepareStatement("RELEASE SAVEPOINT reorg");
        rollbackTo = conn.prepareStatement("ROLLBACK TO SAVEPOINT reorg");
        putLog = conn.prepareStatement("INSERT INTO utxo_log (changes) VALUES (?)");
        deleteMeta = conn.prepareStatement("DELETE FROM meta WHERE key = ?");
        indexTx = conn.prepareStatement("INSERT OR REPLACE INTO tx_index (txid, height) VALUES (?, ?)");
        unindexTx = conn.prepareStatement("DELETE FROM tx_index WHERE txid = ?");
        txHeight = conn.prepareStatement("SELECT height FROM tx_index WHERE txid = ?");
    }

    static ChainDatabase open(Path dir) {
        return open(dir, ChainCache.DEFAULT_MB);
    }

    /** Opens with {@code cacheMb} megabytes of caches ({@link ChainCache}). */
    static ChainDatabase open(Path dir, int cacheMb) {
        ChainCache.check(cacheMb);
        return open(dir, FOLD_LOG_ROWS, ChainCache.overlayCoins(cacheMb), ChainCache.pageCacheKib(cacheMb));
    }

    /** Opens with the given fold limits (tests use small ones to fold often). */
    static ChainDatabase open(Path dir, int foldLogRows, int foldEntries) {
        return open(dir, foldLogRows, foldEntries, ChainCache.pageCacheKib(ChainCache.DEFAULT_MB));
    }

    private static ChainDatabase open(Path dir, int foldLogRows, int foldEntries, int pageCacheKib) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            Connection conn = SqliteFiles.open(file);
            try (Statement s = conn.createStatement()) {
                String result = SqliteFiles.quickCheck(conn);
                if (!"ok".equals(result)) {
                    conn.close();
                    throw new ChainStoreException("The chain database " + file + " is corrupt (" + result
                            + "). Move it aside to resynchronise from peers; nothing has been changed.");
                }
                // before anything is created or changed in it
                String unreadable = unreadableLayout(s, file);
                if (unreadable != null) {
                    conn.close();
                    throw new ChainStoreException(unreadable);
                }
                SqliteFiles.useWriteAheadLog(conn);
                // Checkpoints (which fsync) run on their own thread, off the block-connect path; this is
                // only the backstop should that thread fall behind.
                s.execute("PRAGMA wal_autocheckpoint = " + BACKSTOP_CHECKPOINT_PAGES);
                s.execute("PRAGMA cache_size = -" + pageCacheKib);
                s.execute("PRAGMA temp_store = MEMORY");
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS headers (hash BLOB PRIMARY KEY, header BLOB NOT NULL,"
                        + " height INTEGER NOT NULL, status INTEGER NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID");
                // keyed by the header row's seq: appended in arrival order, read by hash through headers
                s.execute("CREATE TABLE IF NOT EXISTS block_data (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS undo_data (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS utxo (txid BLOB NOT NULL, vout INTEGER NOT NULL,"
                        + " amount INTEGER NOT NULL, keyhash BLOB NOT NULL, height INTEGER NOT NULL,"
                        + " coinbase INTEGER NOT NULL, PRIMARY KEY (txid, vout)) WITHOUT ROWID");
                // Wallets keep their own coins: an index by key hash would cost a page write per output.
                s.execute("DROP INDEX IF EXISTS utxo_by_keyhash");
                s.execute("CREATE TABLE IF NOT EXISTS utxo_log (id INTEGER PRIMARY KEY, changes BLOB NOT NULL)");
                // The block is found through the active chain at that height: 4 bytes a row instead of 32.
                s.execute("CREATE TABLE IF NOT EXISTS tx_index (txid BLOB PRIMARY KEY, height INTEGER NOT NULL)"
                        + " WITHOUT ROWID");
            }
            conn.setAutoCommit(false);
            try (Statement s = conn.createStatement()) {
                migrateFromSchema1(s);
                markCurrentLayout(s);
            }
            ChainDatabase db = new ChainDatabase(file, conn, foldLogRows, foldEntries);
            conn.commit();
            try {
                db.loadLog();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            return db;
        } catch (SQLException e) {
            throw new ChainStoreException("Cannot open the chain database " + file + ": " + describe(e), e);
        } catch (java.io.IOException e) {
            throw new ChainStoreException("Cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why the file cannot be opened, or null: a database a newer PeerChain wrote is not touched, since its layout
     * may differ in ways this one cannot know. A new file has no meta table yet.
     */
    private static String unreadableLayout(Statement s, Path file) throws SQLException {
        try (ResultSet t = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
            if (!t.next()) {
                return null;
            }
        }
        try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = '" + META_SCHEMA + "'")) {
            if (!r.next()) {
                return null;
            }
            byte[] v = r.getBytes(1);
            long version = v != null && v.length == 8 ? java.nio.ByteBuffer.wrap(v).getLong() : -1;
            if (version >= 1 && version <= SCHEMA_VERSION) {
                return null;
            }
            return "The chain database " + file + " has storage layout " + version + ", which this version of PeerChain"
                    + " (layout " + SCHEMA_VERSION + ") cannot read; nothing has been changed.";
        }
    }

    /** Moves schema 1's hash-keyed blocks and undo data to the sequence-keyed tables, in the opening transaction. */
    private static void migrateFromSchema1(Statement s) throws SQLException {
        boolean old;
        try (ResultSet r = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'blocks'")) {
            old = r.next();
        }
        if (!old) {
            return;
        }
        s.execute("INSERT OR REPLACE INTO block_data (seq, data) SELECT h.seq, b.data FROM blocks b JOIN headers h"
                + " ON h.hash = b.hash");
        s.execute("INSERT OR REPLACE INTO undo_data (seq, data) SELECT h.seq, u.data FROM undo u JOIN headers h"
                + " ON h.hash = u.hash");
        s.execute("DROP TABLE blocks");
        s.execute("DROP TABLE undo");
    }

    /** An existing file of an older layout, now readable only by this one, says so (a new file gets it when filled). */
    private static void markCurrentLayout(Statement s) throws SQLException {
        String current = "X'" + String.format("%016x", SCHEMA_VERSION) + "'";
        s.execute("INSERT OR REPLACE INTO meta (key, value) SELECT '" + META_SCHEMA + "', " + current
                + " WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'network') AND NOT EXISTS (SELECT 1 FROM meta"
                + " WHERE key = '" + META_SCHEMA + "' AND value = " + current + ")");
    }

    /** Reads the UTXO log into the overlay: the changes committed since the table was last brought up to date. */
    private void loadLog() {
        try (Statement s = conn.createStatement();
                ResultSet r = s.executeQuery("SELECT id, changes FROM utxo_log ORDER BY id")) {
            while (r.next()) {
                try {
                    overlay.replay(r.getBytes(2));
                } catch (org.peerchain.core.DecodingException | IllegalArgumentException e) {
                    throw new ChainStoreException("The chain database " + file + " is damaged: UTXO log row "
                            + r.getLong(1) + " cannot be read (" + e.getMessage() + "). Move the file aside to"
                            + " resynchronise from peers.", e);
                }
                logRows++;
            }
        } catch (SQLException e) {
            throw failure("reading the UTXO log", e);
        }
    }

    private static String describe(SQLException e) {
        String m = e.getMessage();
        if (m != null && (m.contains("SQLITE_NOTADB") || m.contains("not a database"))) {
            return "the file is not a PeerChain chain database or is corrupt";
        }
        if (m != null && m.contains("SQLITE_CORRUPT")) {
            return "the file is corrupt";
        }
        return m;
    }

    Path file() {
        return file;
    }

    private ChainStoreException failure(String action, SQLException e) {
        return new ChainStoreException("The chain database " + file + " failed while " + action + ": "
                + describe(e), e);
    }

    /**
     * Commits the open transaction, with its UTXO changes as one log row; then folds the overlay into the table
     * if it has grown past its limits.
     */
    void commit() {
        boolean logged = false;
        try {
            if (overlay.hasPending()) {
                putLog.setBytes(1, overlay.pendingLogRow());
                putLog.executeUpdate();
                logged = true;
            }
            conn.commit();
        } catch (SQLException e) {
            overlay.rolledBack();
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // the commit's failure is the one to report
            }
            throw failure("committing", e);
        }
        overlay.committed();
        if (logged) {
            logRows++;
        }
        if (logRows >= foldLogRows || overlay.size() >= foldEntries) {
            fold();
        }
    }

    /**
     * Writes the overlay into the {@code utxo} table and empties the log, in one transaction of its own (so
     * between two others): spent coins leave the table first, then the added ones go in.
     */
    void fold() {
        if (logRows == 0) {
            return;
        }
        try {
            for (OutPoint p : overlay.spentFromTable().keySet()) {
                deleteCoin.setBytes(1, p.txid().toBytes());
                deleteCoin.setLong(2, p.index());
                deleteCoin.executeUpdate();
            }
            for (java.util.Map.Entry<OutPoint, Coin> e : overlay.addedCoins().entrySet()) {
                OutPoint p = e.getKey();
                Coin c = e.getValue();
                addCoin.setBytes(1, p.txid().toBytes());
                addCoin.setLong(2, p.index());
                addCoin.setLong(3, c.output().amount());
                addCoin.setBytes(4, c.output().keyHash().toBytes());
                addCoin.setInt(5, c.height());
                addCoin.setInt(6, c.coinbase() ? 1 : 0);
                addCoin.executeUpdate();
            }
            try (Statement s = conn.createStatement()) {
                s.execute("DELETE FROM utxo_log");
            }
            conn.commit();
        } catch (SQLException e) {
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // the failure below is what matters; the overlay and the log still hold every change
            }
            throw failure("writing the UTXO log into the UTXO table", e);
        }
        overlay.clear();
        logRows = 0;
    }

    /** Marks a point inside the open transaction that {@link #rollbackToSavepoint()} can return to. */
    void savepoint() {
        exec(savepoint, "starting a reorganisation");
        overlay.savepoint();
    }

    void releaseSavepoint() {
        exec(release, "finishing a reorganisation");
        overlay.releaseSavepoint();
    }

    /** Undoes everything since {@link #savepoint()}, keeping what the transaction did before it. */
    void rollbackToSavepoint() {
        overlay.rolledBackToSavepoint();
        exec(rollbackTo, "undoing a reorganisation");
        exec(release, "undoing a reorganisation");
    }

    private void exec(PreparedStatement st, String action) {
        try {
            st.execute();
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    void rollback() {
        overlay.rolledBack();
        try {
            conn.rollback();
        } catch (SQLException e) {
            throw failure("rolling back", e);
        }
    }

    // --- meta ---

    byte[] meta(String key) {
        try {
            getMeta.setString(1, key);
            try (ResultSet r = getMeta.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw failure("reading " + key, e);
        }
    }

    void putMeta(String key, byte[] value) {
        try {
            putMeta.setString(1, key);
            putMeta.setBytes(2, value);
            putMeta.executeUpdate();
        } catch (SQLException e) {
            throw failure("writing " + key, e);
        }
    }

    long metaLong(String key, long orElse) {
        byte[] v = meta(key);
        return v == null ? orElse : java.nio.ByteBuffer.wrap(v).getLong();
    }

    void putMetaLong(String key, long value) {
        putMeta(key, java.nio.ByteBuffer.allocate(8).putLong(value).array());
    }

    void deleteMeta(String key) {
        try {
            deleteMeta.setString(1, key);
            deleteMeta.executeUpdate();
        } catch (SQLException e) {
            throw failure("deleting " + key, e);
        }
    }

    // --- transaction index ---

    void indexTx(Hash txid, int height) {
        try {
            indexTx.setBytes(1, txid.toBytes());
            indexTx.setInt(2, height);
            indexTx.executeUpdate();
        } catch (SQLException e) {
            throw failure("indexing a transaction", e);
        }
    }

    void unindexTx(Hash txid) {
        try {
            unindexTx.setBytes(1, txid.toBytes());
            unindexTx.executeUpdate();
        } catch (SQLException e) {
            throw failure("removing a transaction from the index", e);
        }
    }

    /** The height the index holds for {@code txid}, or -1. */
    int indexedTxHeight(Hash txid) {
        try {
            txHeight.setBytes(1, txid.toBytes());
            try (ResultSet r = txHeight.executeQuery()) {
                return r.next() ? r.getInt(1) : -1;
            }
        } catch (SQLException e) {
            throw failure("reading the transaction index", e);
        }
    }

    /** Empties the transaction index (SQLite drops a table's pages whole for an unqualified DELETE). */
    void clearTxIndex() {
        try (Statement s = conn.createStatement()) {
            s.execute("DELETE FROM tx_index");
        } catch (SQLException e) {
            throw failure("clearing the transaction index", e);
        }
    }

    // --- UTXO scans ---

    /**
     * A read-only view of the UTXO set as committed now, for a scan that runs without the chain's lock: a second
     * connection whose read transaction starts here (WAL readers see the database as of their first read,
     * whatever commits later), with the overlay's coins that pay {@code keyHashes} and the table coins the
     * overlay has spent. Called under the chain's lock, between transactions.
     */
    UtxoSnapshot utxoSnapshot(java.util.Set<KeyHash> keyHashes) {
        Connection reader = null;
        try {
            reader = SqliteFiles.open(file);
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM meta")) {
                r.next();
            }
            java.util.Map<OutPoint, Coin> added = new java.util.HashMap<>();
            for (java.util.Map.Entry<OutPoint, Coin> e : overlay.addedCoins().entrySet()) {
                if (keyHashes.contains(e.getValue().output().keyHash())) {
                    added.put(e.getKey(), e.getValue());
                }
            }
            java.util.Set<OutPoint> spent = new java.util.HashSet<>();
            for (java.util.Map.Entry<OutPoint, Coin> e : overlay.spentFromTable().entrySet()) {
                if (keyHashes.contains(e.getValue().output().keyHash())) {
                    spent.add(e.getKey());
                }
            }
            return new UtxoSnapshot(file, reader, Set.copyOf(keyHashes), added, spent);
        } catch (SQLException e) {
            if (reader != null) {
                try {
                    reader.close();
                } catch (SQLException ignored) {
                    // the opening failure is the one to report
                }
            }
            throw failure("starting a scan of the UTXO set", e);
        }
    }

    // --- headers and blocks ---

    /** How many rows the block index holds (headers with or without their block). */
    int headerCount() {
        try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM headers")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw failure("counting the block index", e);
        }
    }

    /** Reads the block index in height order, handing each row to {@code each} as it is read. */
    void loadHeaders(java.util.function.Consumer<HeaderRow> each) {
        try (Statement s = conn.createStatement();
                ResultSet r = s.executeQuery("SELECT header, height, status, seq FROM headers ORDER BY height, seq")) {
            while (r.next()) {
                int status = r.getInt(3);
                if (status < 0 || status >= BlockStatus.values().length) {
                    throw new ChainStoreException("The chain database " + file + " is damaged: a block index row at height "
                            + r.getInt(2) + " has the unknown status " + status + ".");
                }
                BlockHeader header;
                try {
                    header = BlockHeader.deserialize(r.getBytes(1));
                } catch (org.peerchain.core.DecodingException e) {
                    throw new ChainStoreException("The chain database " + file + " is damaged: a block index row at height "
                            + r.getInt(2) + " holds no valid header (" + e.getMessage() + ").", e);
                }
                each.accept(new HeaderRow(header, r.getInt(2), BlockStatus.values()[status], r.getLong(4)));
            }
        } catch (SQLException e) {
            throw failure("loading the block index", e);
        }
    }

    void putHeader(BlockIndexEntry e) {
        try {
            putHeader.setBytes(1, e.hash().toBytes());
            putHeader.setBytes(2, e.header().serialize());
            putHeader.setInt(3, e.height());
            putHeader.setInt(4, e.status().ordinal());
            putHeader.setLong(5, e.sequence);
            putHeader.executeUpdate();
        } catch (SQLException ex) {
            throw failure("storing a header", ex);
        }
    }

    void setStatus(Hash hash, BlockStatus status) {
        try {
            setStatus.setInt(1, status.ordinal());
            setStatus.setBytes(2, hash.toBytes());
            setStatus.executeUpdate();
        } catch (SQLException e) {
            throw failure("updating a block's status", e);
        }
    }

    void putBlock(BlockIndexEntry e, byte[] data) {
        try {
            putBlock.setLong(1, e.sequence);
            putBlock.setBytes(2, data);
            putBlock.executeUpdate();
        } catch (SQLException ex) {
            throw failure("storing a block", ex);
        }
    }

    byte[] block(Hash hash) {
        return blob(getBlock, hash, "reading a block");
    }

    void putUndo(BlockIndexEntry e, byte[] data) {
        try {
            putUndo.setLong(1, e.sequence);
            putUndo.setBytes(2, data);
            putUndo.executeUpdate();
        } catch (SQLException ex) {
            throw failure("storing undo data", ex);
        }
    }

    byte[] undo(Hash hash) {
        return blob(getUndo, hash, "reading undo data");
    }

    void deleteUndo(BlockIndexEntry e) {
        try {
            deleteUndo.setLong(1, e.sequence);
            deleteUndo.executeUpdate();
        } catch (SQLException ex) {
            throw failure("deleting undo data", ex);
        }
    }

    private byte[] blob(PreparedStatement st, Hash hash, String action) {
        try {
            st.setBytes(1, hash.toBytes());
            try (ResultSet r = st.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    // --- UTXO set: the overlay over the table ---

    Coin coin(OutPoint p) {
        Coin c = overlay.find(p);
        if (c != null) {
            return c == UtxoOverlay.SPENT ? null : c;
        }
        return tableCoin(p);
    }

    private Coin tableCoin(OutPoint p) {
        try {
            getCoin.setBytes(1, p.txid().toBytes());
            getCoin.setLong(2, p.index());
            try (ResultSet r = getCoin.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return new Coin(new TxOutput(r.getLong(1), KeyHash.wrap(r.getBytes(2))), r.getInt(3), r.getInt(4) != 0);
            }
        } catch (SQLException e) {
            throw failure("reading the UTXO set", e);
        }
    }

    /** Removes an unspent output and returns it, or null when there is none. */
    Coin spendCoin(OutPoint p) {
        Coin c = coin(p);
        if (c != null) {
            overlay.spend(p, c);
        }
        return c;
    }

    void addCoin(OutPoint p, Coin c) {
        overlay.add(p, c);
    }

    /** Removes an unspent output if there is one. */
    void deleteCoin(OutPoint p) {
        spendCoin(p);
    }

    /** A row-by-row digest of the whole UTXO set, in key order, for comparing two nodes' sets. */
    Hash utxoDigest() {
        fold();
        java.security.MessageDigest d = Hash.sha256();
        try (Statement s = conn.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT txid, vout, amount, keyhash, height, coinbase FROM utxo ORDER BY txid, vout")) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * 4);
            while (r.next()) {
                d.update(r.getBytes(1));
                b.clear();
                b.putLong(r.getLong(2)).putLong(r.getLong(3)).putLong(r.getInt(5)).putLong(r.getInt(6));
                d.update(b.array());
                d.update(r.getBytes(4));
            }
        } catch (SQLException e) {
            throw failure("hashing the UTXO set", e);
        }
        return Hash.wrap(d.digest());
    }

    String integrityCheck() {
        try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            return r.next() ? r.getString(1) : "no answer";
        } catch (SQLException e) {
            throw failure("checking integrity", e);
        }
    }

    /**
     * Copies the write-ahead log into the database file every {@link #CHECKPOINT_INTERVAL_MS} on its own
     * connection and thread, so that the fsync a checkpoint needs never stalls a block being connected.
     * A passive checkpoint never blocks the writer.
     */
    private static final class Checkpointer {
        private final java.util.concurrent.ScheduledExecutorService thread;
        private final Connection conn;

        Checkpointer(Path file) throws SQLException {
            conn = SqliteFiles.open(file);
            thread = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "chain-checkpoint");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_INTERVAL_MS, CHECKPOINT_INTERVAL_MS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void checkpoint() {
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (SQLException e) {
                // The next round tries again; the writer's backstop checkpoint bounds the log meanwhile.
            }
        }

        void close() {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
                conn.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                // Closing a read connection cannot lose data.
            }
        }
    }

    @Override
    public void close() {
        checkpointer.close();
        try {
            conn.rollback();
            conn.close();
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }
}
