package org.peerchain.tracker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerchain.storage.SqliteFiles;

/**
 * The tracker's SQLite file (WAL): the peer table, the bans and the tracker's own settings. One
 * connection, used under this object's lock: by the registry's writer thread in batches, and by the
 * rare admin operations.
 */
final class RegistryStore implements AutoCloseable {

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS peers (
              network TEXT NOT NULL, address TEXT NOT NULL, port INTEGER NOT NULL,
              node_id TEXT NOT NULL, protocol_version INTEGER NOT NULL, height INTEGER NOT NULL,
              first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, ping_rtt_micros INTEGER NOT NULL,
              failures INTEGER NOT NULL, state TEXT NOT NULL,
              PRIMARY KEY (network, address, port));
            CREATE TABLE IF NOT EXISTS bans (address TEXT PRIMARY KEY, reason TEXT NOT NULL, created INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """;

    private final Connection db;

    RegistryStore(Path file) throws SQLException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        db = SqliteFiles.open(file);
        try (Statement s = db.createStatement()) {
            SqliteFiles.useWriteAheadLog(db);
            for (String ddl : SCHEMA.split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
        } catch (SQLException e) {
            db.close();
            throw new SQLException(file + " is not a usable tracker database: " + e.getMessage(), e);
        }
    }

    synchronized List<PeerRecord> loadPeers() throws SQLException {
        List<PeerRecord> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT network, address, port, node_id,"
                + " protocol_version, height, first_seen, last_seen, ping_rtt_micros, failures, state FROM peers")) {
            while (r.next()) {
                PeerState state;
                try {
                    state = PeerState.valueOf(r.getString(11));
                } catch (IllegalArgumentException e) {
                    state = PeerState.NEW;
                }
                out.add(new PeerRecord(new PeerKey(r.getString(1), r.getString(2), r.getInt(3)), r.getString(4),
                        r.getInt(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getInt(10), state));
            }
        }
        return out;
    }

    /** Writes a batch in one transaction: upserts for the records, deletes for the keys mapped to null. */
    synchronized void write(Collection<Map.Entry<PeerKey, PeerRecord>> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement up = db.prepareStatement("INSERT OR REPLACE INTO peers VALUES (?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement del = db.prepareStatement("DELETE FROM peers WHERE network=? AND address=? AND port=?")) {
            for (Map.Entry<PeerKey, PeerRecord> c : changes) {
                PeerKey k = c.getKey();
                PeerRecord p = c.getValue();
                if (p == null) {
                    del.setString(1, k.network());
                    del.setString(2, k.address());
                    del.setInt(3, k.port());
                    del.addBatch();
                } else {
                    up.setString(1, k.network());
                    up.setString(2, k.address());
                    up.setInt(3, k.port());
                    up.setString(4, p.nodeId());
                    up.setInt(5, p.protocolVersion());
                    up.setLong(6, p.height());
                    up.setLong(7, p.firstSeen());
                    up.setLong(8, p.lastSeen());
                    up.setLong(9, p.pingRttMicros());
                    up.setInt(10, p.failures());
                    up.setString(11, p.state().name());
                    up.addBatch();
                }
            }
            up.executeBatch();
            del.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    synchronized Map<String, String> loadBans() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT address, reason FROM bans ORDER BY created")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        }
        return out;
    }

    synchronized void saveBan(String address, String reason, long now) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO bans VALUES (?,?,?)")) {
            p.setString(1, address);
            p.setString(2, reason);
            p.setLong(3, now);
            p.executeUpdate();
        }
    }

    synchronized void deleteBan(String address) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM bans WHERE address=?")) {
            p.setString(1, address);
            p.executeUpdate();
        }
    }

    synchronized Optional<String> meta(String key) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT value FROM meta WHERE key=?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    synchronized void putMeta(String key, String value) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?,?)")) {
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
