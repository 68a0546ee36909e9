package org.peerchain.p2p;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.peerchain.storage.SqliteFiles;

/**
 * The peers this node has heard of and the addresses it has banned, in their own SQLite file
 * ({@code peers.db} in the data directory), so that a restarted node reconnects without any tracker.
 * Times are seconds since 1970. Thread-safe; a failed write is logged and the node goes on (the book
 * is a hint, never consensus data).
 */
public final class PeerAddressBook implements AutoCloseable {

    public static final String FILE_NAME = "peers.db";
    /**
     * Addresses heard of but never connected to (Bitcoin Core's "new" table, 65,536 there): past it the least recently
     * seen go first. A peer's gossip can only ever reach this table.
     */
    public static final int MAX_NEW = 4_096;
    /**
     * New addresses one source may account for (one gossiping peer's network group, the trackers, the local network):
     * a sixteenth of the table, as Core's bucketing by source group limits what one source can fill. Past it that
     * source's least recently seen go first, so a flooding peer only ever replaces its own entries.
     */
    public static final int MAX_NEW_PER_SOURCE = MAX_NEW / 16;
    /** Addresses we connected to at least once (Core's "tried" table, 16,384 there); the longest unused go first. */
    public static final int MAX_TRIED = 1_024;
    /** The source of addresses a node learnt by connecting to them or from a connected peer's own listen address. */
    public static final String SOURCE_CONNECTION = "connection";
    private static final Logger log = LoggerFactory.getLogger(PeerAddressBook.class);

    /** One known address. */
    public record Entry(HostPort address, long lastSeen, long lastSuccess, int failures) {
    }

    private final Connection conn;
    private final LongSupplier clockSeconds;
    private final Map<String, BanEntry> bans = new ConcurrentHashMap<>();

    private PeerAddressBook(Connection conn, LongSupplier clockSeconds) {
        this.conn = conn;
        this.clockSeconds = clockSeconds;
    }

    public static PeerAddressBook open(Path file, LongSupplier clockSeconds) throws IOException {
        try {
            Connection c = SqliteFiles.open(file);
            SqliteFiles.useWriteAheadLog(c);
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS peers (host TEXT NOT NULL, port INTEGER NOT NULL,
                          last_seen INTEGER NOT NULL, last_success INTEGER NOT NULL DEFAULT 0,
                          failures INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (host, port))""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS bans (host TEXT PRIMARY KEY, banned_until INTEGER NOT NULL,
                          created_at INTEGER NOT NULL, reason TEXT NOT NULL)""");
                addSourceColumn(s);
                s.execute("CREATE INDEX IF NOT EXISTS peers_new_by_source ON peers (source, last_success, last_seen)");
            }
            PeerAddressBook book = new PeerAddressBook(c, clockSeconds);
            book.loadBans();
            return book;
        } catch (SQLException e) {
            throw new IOException("Cannot open the peer address book " + file + ": " + e.getMessage(), e);
        }
    }

    /** Books written before sources were kept gain the column; their addresses count as one old source. */
    private static void addSourceColumn(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA table_info(peers)")) {
            while (r.next()) {
                if ("source".equals(r.getString("name"))) {
                    return;
                }
            }
        }
        s.execute("ALTER TABLE peers ADD COLUMN source TEXT NOT NULL DEFAULT 'earlier'");
    }

    private synchronized void loadBans() throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet r = s.executeQuery("SELECT host, banned_until, created_at, reason FROM bans")) {
            while (r.next()) {
                bans.put(r.getString(1), new BanEntry(r.getString(1), r.getLong(2), r.getLong(3), r.getString(4)));
            }
        }
    }

    /** Notes that {@code a} is a connected peer's own listen address. */
    public void seen(HostPort a, long when) {
        seen(a, when, SOURCE_CONNECTION);
    }

    /**
     * Notes that {@code source} told us of {@code a} (a peer's network group, "tracker", "local network"). A new
     * address that would put the source over {@link #MAX_NEW_PER_SOURCE}, or the table over {@link #MAX_NEW}, first
     * evicts the least recently seen new address of that source, or of all.
     */
    public synchronized void seen(HostPort a, long when, String source) {
        try {
            if (!contains(a)) {
                if (count("SELECT count(*) FROM peers WHERE last_success = 0 AND source = ?", source) >= MAX_NEW_PER_SOURCE) {
                    evict("DELETE FROM peers WHERE rowid = (SELECT rowid FROM peers WHERE last_success = 0 AND source = ?"
                            + " ORDER BY last_seen ASC LIMIT 1)", source);
                }
                if (count("SELECT count(*) FROM peers WHERE last_success = 0", null) >= MAX_NEW) {
                    evict("DELETE FROM peers WHERE rowid = (SELECT rowid FROM peers WHERE last_success = 0"
                            + " ORDER BY last_seen ASC LIMIT 1)", null);
                }
            }
            try (PreparedStatement p = conn.prepareStatement("""
                    INSERT INTO peers (host, port, last_seen, source) VALUES (?, ?, ?, ?)
                    ON CONFLICT (host, port) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)""")) {
                p.setString(1, a.host());
                p.setInt(2, a.port());
                p.setLong(3, when);
                p.setString(4, source);
                p.executeUpdate();
            }
        } catch (SQLException e) {
            log.warn("peer address book: cannot record {}: {}", a, e.getMessage());
        }
    }

    private boolean contains(HostPort a) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("SELECT 1 FROM peers WHERE host = ? AND port = ?")) {
            p.setString(1, a.host());
            p.setInt(2, a.port());
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private int count(String sql, String arg) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            if (arg != null) {
                p.setString(1, arg);
            }
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    private void evict(String sql, String arg) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            if (arg != null) {
                p.setString(1, arg);
            }
            p.executeUpdate();
        }
    }

    /** How many addresses the book holds: never connected to, and connected to at least once. */
    public record Size(int fresh, int tried) {
    }

    public synchronized Size size() {
        try {
            return new Size(count("SELECT count(*) FROM peers WHERE last_success = 0", null),
                    count("SELECT count(*) FROM peers WHERE last_success > 0", null));
        } catch (SQLException e) {
            log.warn("peer address book: cannot count: {}", e.getMessage());
            return new Size(0, 0);
        }
    }

    /** Notes a connection to {@code a} that worked; past {@link #MAX_TRIED} the longest unused tried address goes. */
    public synchronized void succeeded(HostPort a) {
        long now = clockSeconds.getAsLong();
        update(a, "INSERT INTO peers (host, port, last_seen, last_success, failures, source) VALUES (?, ?, " + now + ", "
                + now + ", 0, '" + SOURCE_CONNECTION + "') ON CONFLICT (host, port) DO UPDATE SET last_seen = " + now
                + ", last_success = " + now + ", failures = 0");
        try {
            if (count("SELECT count(*) FROM peers WHERE last_success > 0", null) > MAX_TRIED) {
                evict("DELETE FROM peers WHERE rowid = (SELECT rowid FROM peers WHERE last_success > 0"
                        + " ORDER BY last_success ASC LIMIT 1)", null);
            }
        } catch (SQLException e) {
            log.warn("peer address book: cannot bound the tried addresses: {}", e.getMessage());
        }
    }

    public synchronized void failed(HostPort a) {
        update(a, "UPDATE peers SET failures = failures + 1 WHERE host = ? AND port = ?");
    }

    private void update(HostPort a, String sql) {
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            p.setString(1, a.host());
            p.setInt(2, a.port());
            p.executeUpdate();
        } catch (SQLException e) {
            log.warn("peer address book: cannot update {}: {}", a, e.getMessage());
        }
    }

    /** Known addresses, best first: those that worked lately, then the least failed, then the most recently seen. */
    public synchronized List<Entry> entries(int limit) {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement("""
                SELECT host, port, last_seen, last_success, failures FROM peers
                ORDER BY last_success DESC, failures ASC, last_seen DESC LIMIT ?""")) {
            p.setInt(1, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    try {
                        out.add(new Entry(new HostPort(r.getString(1), r.getInt(2)), r.getLong(3), r.getLong(4), r.getInt(5)));
                    } catch (IllegalArgumentException e) {
                        log.debug("peer address book: skipping a bad row: {}", e.getMessage());
                    }
                }
            }
        } catch (SQLException e) {
            log.warn("peer address book: cannot read: {}", e.getMessage());
        }
        return out;
    }

    public synchronized void ban(String host, long until, String reason) {
        BanEntry b = new BanEntry(host, until, clockSeconds.getAsLong(), reason);
        bans.put(host, b);
        try (PreparedStatement p = conn.prepareStatement("INSERT OR REPLACE INTO bans VALUES (?, ?, ?, ?)")) {
            p.setString(1, host);
            p.setLong(2, until);
            p.setLong(3, b.createdAt());
            p.setString(4, reason);
            p.executeUpdate();
        } catch (SQLException e) {
            log.warn("peer address book: cannot store the ban of {}: {}", host, e.getMessage());
        }
    }

    /** Lifts a ban; false when {@code host} was not banned. */
    public synchronized boolean unban(String host) {
        boolean was = bans.remove(host) != null;
        try (PreparedStatement p = conn.prepareStatement("DELETE FROM bans WHERE host = ?")) {
            p.setString(1, host);
            p.executeUpdate();
        } catch (SQLException e) {
            log.warn("peer address book: cannot lift the ban of {}: {}", host, e.getMessage());
        }
        return was;
    }

    public synchronized void clearBans() {
        bans.clear();
        try (Statement s = conn.createStatement()) {
            s.executeUpdate("DELETE FROM bans");
        } catch (SQLException e) {
            log.warn("peer address book: cannot clear bans: {}", e.getMessage());
        }
    }

    /** The ban in force on {@code host}, or null (expired bans are dropped here). */
    public BanEntry banOf(String host) {
        BanEntry b = bans.get(host);
        if (b != null && b.bannedUntil() <= clockSeconds.getAsLong()) {
            unban(host);
            return null;
        }
        return b;
    }

    public List<BanEntry> bans() {
        List<BanEntry> out = new ArrayList<>();
        for (String host : List.copyOf(bans.keySet())) {
            BanEntry b = banOf(host);
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            log.debug("peer address book: close: {}", e.getMessage());
        }
    }
}
