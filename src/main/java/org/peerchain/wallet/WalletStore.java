package org.peerchain.wallet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.Transaction;
import org.peerchain.storage.SqliteFiles;

/**
 * The wallet's own SQLite file ({@value #FILE_NAME}): the watched keys (no secrets: key hashes and paths), the
 * transactions that pay or spend them with where they stand, and the last block the wallet has followed. One
 * connection, used under the wallet's monitor; WAL with {@code synchronous=NORMAL}, each change one transaction.
 */
final class WalletStore implements AutoCloseable {

    static final String FILE_NAME = "wallet.db";
    static final int SCHEMA_VERSION = 1;
    static final String META_SCHEMA = "schema";
    static final String META_NETWORK = "network";
    static final String META_SYNCED_HASH = "synced_hash";
    static final String META_SYNCED_HEIGHT = "synced_height";
    /** "new": a freshly made wallet, nothing to find in past blocks; "restored": scan the chain from genesis. */
    static final String META_ORIGIN = "origin";
    static final String ORIGIN_NEW = "new";
    static final String ORIGIN_RESTORED = "restored";

    /** A stored key row. */
    record KeyRow(KeyPath path, KeyHash keyHash, boolean issued, String label) {
    }

    private final Path file;
    private final Connection conn;
    private final PreparedStatement putKey;
    private final PreparedStatement putTx;
    private final PreparedStatement putMeta;
    private final PreparedStatement getMeta;

    private WalletStore(Path file, Connection conn) throws SQLException {
        this.file = file;
        this.conn = conn;
        putKey = conn.prepareStatement("INSERT OR REPLACE INTO keys (keyhash, chain, idx, issued, label) VALUES (?, ?, ?, ?, ?)");
        putTx = conn.prepareStatement("INSERT OR REPLACE INTO txs (txid, seq, raw, state, block_hash, height, block_time,"
                + " position, time_received, conflict_block, conflict_height, comment, comment_to)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        putMeta = conn.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        getMeta = conn.prepareStatement("SELECT value FROM meta WHERE key = ?");
    }

    static WalletStore open(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Connection conn = SqliteFiles.open(file);
            try (Statement s = conn.createStatement()) {
                String result = SqliteFiles.quickCheck(conn);
                if (!"ok".equals(result)) {
                    conn.close();
                    throw new WalletStoreException("The wallet database " + file + " is corrupt (" + result + "). Move it"
                            + " aside: the wallet rebuilds it from the keystore and the chain at the next unlock.");
                }
                SqliteFiles.useWriteAheadLog(conn);
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS keys (keyhash BLOB PRIMARY KEY, chain INTEGER NOT NULL,"
                        + " idx INTEGER NOT NULL, issued INTEGER NOT NULL, label TEXT NOT NULL) WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS txs (txid BLOB PRIMARY KEY, seq INTEGER NOT NULL, raw BLOB NOT NULL,"
                        + " state TEXT NOT NULL, block_hash BLOB, height INTEGER NOT NULL, block_time INTEGER NOT NULL,"
                        + " position INTEGER NOT NULL, time_received INTEGER NOT NULL, conflict_block BLOB,"
                        + " conflict_height INTEGER NOT NULL, comment TEXT NOT NULL, comment_to TEXT NOT NULL) WITHOUT ROWID");
            }
            conn.setAutoCommit(false);
            WalletStore store = new WalletStore(file, conn);
            if (store.meta(META_SCHEMA) == null) {
                store.putMeta(META_SCHEMA, Integer.toString(SCHEMA_VERSION));
            }
            conn.commit();
            return store;
        } catch (SQLException e) {
            throw new WalletStoreException("Cannot open the wallet database " + file + ": " + describe(e), e);
        }
    }

    private static String describe(SQLException e) {
        String m = e.getMessage();
        if (m != null && (m.contains("SQLITE_NOTADB") || m.contains("not a database"))) {
            return "the file is not a PeerChain wallet database or is corrupt";
        }
        return m;
    }

    Path file() {
        return file;
    }

    private WalletStoreException failure(String action, SQLException e) {
        return new WalletStoreException("The wallet database " + file + " failed while " + action + ": " + describe(e), e);
    }

    void commit() {
        try {
            conn.commit();
        } catch (SQLException e) {
            throw failure("committing", e);
        }
    }

    void rollback() {
        try {
            conn.rollback();
        } catch (SQLException e) {
            throw failure("rolling back", e);
        }
    }

    String meta(String key) {
        try {
            getMeta.setString(1, key);
            try (ResultSet r = getMeta.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw failure("reading " + key, e);
        }
    }

    void putMeta(String key, String value) {
        try {
            putMeta.setString(1, key);
            putMeta.setString(2, value);
            putMeta.executeUpdate();
        } catch (SQLException e) {
            throw failure("writing " + key, e);
        }
    }

    void putKey(WalletKey k) {
        try {
            putKey.setBytes(1, k.keyHash.toBytes());
            putKey.setInt(2, k.path.chain());
            putKey.setInt(3, k.path.index());
            putKey.setInt(4, k.issued ? 1 : 0);
            putKey.setString(5, k.label);
            putKey.executeUpdate();
        } catch (SQLException e) {
            throw failure("storing a key", e);
        }
    }

    List<KeyRow> loadKeys() {
        List<KeyRow> rows = new ArrayList<>();
        try (Statement s = conn.createStatement();
                ResultSet r = s.executeQuery("SELECT keyhash, chain, idx, issued, label FROM keys ORDER BY chain, idx")) {
            while (r.next()) {
                rows.add(new KeyRow(new KeyPath(r.getInt(2), r.getInt(3)), KeyHash.wrap(r.getBytes(1)), r.getInt(4) != 0,
                        r.getString(5)));
            }
            return rows;
        } catch (SQLException e) {
            throw failure("loading keys", e);
        }
    }

    void putTx(WalletTx t) {
        try {
            putTx.setBytes(1, t.txid.toBytes());
            putTx.setLong(2, t.seq);
            putTx.setBytes(3, t.tx.serialize());
            putTx.setString(4, t.state.name());
            setHash(putTx, 5, t.blockHash);
            putTx.setInt(6, t.height);
            putTx.setLong(7, t.blockTime);
            putTx.setInt(8, t.position);
            putTx.setLong(9, t.timeReceived);
            setHash(putTx, 10, t.conflictBlock);
            putTx.setInt(11, t.conflictHeight);
            putTx.setString(12, t.comment);
            putTx.setString(13, t.commentTo);
            putTx.executeUpdate();
        } catch (SQLException e) {
            throw failure("storing transaction " + t.txid, e);
        }
    }

    /** Every stored transaction, in the order the wallet first saw them (so funding comes before spending). */
    List<WalletTx> loadTxs() {
        List<WalletTx> txs = new ArrayList<>();
        try (Statement s = conn.createStatement();
                ResultSet r = s.executeQuery("SELECT txid, seq, raw, state, block_hash, height, block_time, position,"
                        + " time_received, conflict_block, conflict_height, comment, comment_to FROM txs ORDER BY seq")) {
            while (r.next()) {
                WalletTx t = new WalletTx(Transaction.deserialize(r.getBytes(3)), r.getLong(2), r.getLong(9));
                t.state = TxState.valueOf(r.getString(4));
                t.blockHash = hash(r.getBytes(5));
                t.height = r.getInt(6);
                t.blockTime = r.getLong(7);
                t.position = r.getInt(8);
                t.conflictBlock = hash(r.getBytes(10));
                t.conflictHeight = r.getInt(11);
                t.comment = r.getString(12);
                t.commentTo = r.getString(13);
                t.stored = true;
                txs.add(t);
            }
            return txs;
        } catch (SQLException e) {
            throw failure("loading transactions", e);
        }
    }

    private static void setHash(PreparedStatement p, int i, Hash h) throws SQLException {
        if (h == null) {
            p.setNull(i, Types.BLOB);
        } else {
            p.setBytes(i, h.toBytes());
        }
    }

    private static Hash hash(byte[] b) {
        return b == null ? null : Hash.wrap(b);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }
}
