package org.peerchain.bench;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.peerchain.core.Block;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;

/**
 * The storage floor of connecting a block: the SQL statements the chain issues for it (header row, block, undo,
 * one delete per spent output, one insert per new output, status, state row, the reorganisation savepoint) and
 * the commit, on the same schema and settings as {@code ChainDatabase} (checkpoints on a thread of their own),
 * with no validation, no lookups in Java, no events. What it costs per block is CPU the connecting thread spends
 * whatever the rest of the code does, so it bounds how much of the machine is left for checking signatures while
 * blocks connect one transaction each.
 */
final class SqliteFloor implements AutoCloseable {
    private final Connection c;
    private final PreparedStatement header;
    private final PreparedStatement status;
    private final PreparedStatement block;
    private final PreparedStatement undo;
    private final PreparedStatement meta;
    private final PreparedStatement add;
    private final PreparedStatement spend;
    private final PreparedStatement savepoint;
    private final PreparedStatement release;
    private final Thread checkpointer;

    private SqliteFloor(Path file) throws SQLException {
        Properties props = new Properties();
        props.setProperty("jdbc.get_generated_keys", "false");
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        c = DriverManager.getConnection(url, props);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA wal_autocheckpoint = 20000");
            s.execute("PRAGMA cache_size = -65536");
            s.execute("PRAGMA temp_store = MEMORY");
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)");
            s.execute("CREATE TABLE headers (hash BLOB PRIMARY KEY, header BLOB NOT NULL, height INTEGER NOT NULL,"
                    + " status INTEGER NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID");
            s.execute("CREATE TABLE block_data (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)");
            s.execute("CREATE TABLE undo_data (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)");
            s.execute("CREATE TABLE utxo (txid BLOB NOT NULL, vout INTEGER NOT NULL, amount INTEGER NOT NULL,"
                    + " keyhash BLOB NOT NULL, height INTEGER NOT NULL, coinbase INTEGER NOT NULL,"
                    + " PRIMARY KEY (txid, vout)) WITHOUT ROWID");
        }
        c.setAutoCommit(false);
        header = c.prepareStatement(
                "INSERT OR REPLACE INTO headers (hash, header, height, status, seq) VALUES (?, ?, ?, ?, ?)");
        status = c.prepareStatement("UPDATE headers SET status = ? WHERE hash = ?");
        block = c.prepareStatement("INSERT OR REPLACE INTO block_data (seq, data) VALUES (?, ?)");
        undo = c.prepareStatement("INSERT OR REPLACE INTO undo_data (seq, data) VALUES (?, ?)");
        meta = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        add = c.prepareStatement(
                "INSERT INTO utxo (txid, vout, amount, keyhash, height, coinbase) VALUES (?, ?, ?, ?, ?, ?)");
        spend = c.prepareStatement(
                "DELETE FROM utxo WHERE txid = ? AND vout = ? RETURNING amount, keyhash, height, coinbase");
        savepoint = c.prepareStatement("SAVEPOINT reorg");
        release = c.prepareStatement("RELEASE SAVEPOINT reorg");
        checkpointer = new Thread(() -> checkpointEverySecond(url, props), "floor-checkpoint");
        checkpointer.setDaemon(true);
        checkpointer.start();
    }

    /** CPU milliseconds per block of the thread that stores {@code blocks} (after {@code warmUp} untimed ones). */
    static double cpuMillisPerBlock(Path dir, List<Block> blocks, int warmUp) throws SQLException {
        try (SqliteFloor floor = new SqliteFloor(dir.resolve("floor.db"))) {
            var mx = ManagementFactory.getThreadMXBean();
            long cpuStart = 0;
            for (int i = 0; i < blocks.size(); i++) {
                if (i == warmUp) {
                    cpuStart = mx.getCurrentThreadCpuTime();
                }
                floor.store(i, blocks.get(i));
            }
            return (mx.getCurrentThreadCpuTime() - cpuStart) / 1e6 / (blocks.size() - warmUp);
        }
    }

    private void store(int height, Block b) throws SQLException {
        byte[] hash = b.hash().toBytes();
        header.setBytes(1, hash);
        header.setBytes(2, b.header().serialize());
        header.setInt(3, height);
        header.setInt(4, 1);
        header.setLong(5, height);
        header.executeUpdate();
        savepoint.execute();
        block.setLong(1, height);
        block.setBytes(2, b.serialize());
        block.executeUpdate();
        ByteBuffer undoData = ByteBuffer.allocate(64 * 4 * b.transactions().size());
        for (Transaction tx : b.transactions()) {
            if (!tx.isCoinbase()) {
                for (TxInput in : tx.inputs()) {
                    spend.setBytes(1, in.prevout().txid().toBytes());
                    spend.setLong(2, in.prevout().index());
                    try (ResultSet r = spend.executeQuery()) {
                        if (r.next()) {
                            undoData.putLong(r.getLong(1)).put(r.getBytes(2)).putInt(r.getInt(3));
                        }
                    }
                }
            }
            byte[] txid = tx.txid().toBytes();
            List<TxOutput> outputs = tx.outputs();
            for (int o = 0; o < outputs.size(); o++) {
                add.setBytes(1, txid);
                add.setLong(2, o);
                add.setLong(3, outputs.get(o).amount());
                add.setBytes(4, outputs.get(o).keyHash().toBytes());
                add.setInt(5, height);
                add.setInt(6, tx.isCoinbase() ? 1 : 0);
                add.executeUpdate();
            }
        }
        undo.setLong(1, height);
        undo.setBytes(2, Arrays.copyOf(undoData.array(), undoData.position()));
        undo.executeUpdate();
        status.setInt(1, 2);
        status.setBytes(2, hash);
        status.executeUpdate();
        meta.setString(1, "state");
        meta.setBytes(2, hash);
        meta.executeUpdate();
        release.execute();
        c.commit();
    }

    private static void checkpointEverySecond(String url, Properties props) {
        try (Connection cp = DriverManager.getConnection(url, props); Statement s = cp.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1_000);
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        } catch (SQLException | InterruptedException e) {
            // the measurement is over
        }
    }

    @Override
    public void close() throws SQLException {
        checkpointer.interrupt();
        c.close();
    }
}
