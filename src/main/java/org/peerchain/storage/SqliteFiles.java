package org.peerchain.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * How every SQLite file of ours is opened: the chain, the wallet, the address book and the tracker's registry. One
 * place for the driver settings and the pragmas they share, so the four stores cannot drift apart.
 */
public final class SqliteFiles {
    /** Milliseconds a statement waits for another connection's lock before failing (a reader while a flush runs). */
    public static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /**
     * sqlite-jdbc otherwise runs {@code SELECT last_insert_rowid()} as a new statement after every INSERT (a
     * regular-expression match, a prepare and a finalize) so that getGeneratedKeys could answer; nothing here asks.
     */
    private static final Properties DRIVER = new Properties();

    static {
        DRIVER.setProperty("jdbc.get_generated_keys", "false");
    }

    private SqliteFiles() {
    }

    /** A connection to {@code file} (made if missing) that waits {@link #BUSY_TIMEOUT_MILLIS} for a lock. */
    public static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), DRIVER);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Write-ahead logging with {@code synchronous = NORMAL}: a commit is durable once the log is on disk at the next
     * checkpoint, and a crash never corrupts the file (it can lose the last commits, which every store here can
     * redo: blocks come again from peers, the wallet rescans, addresses are heard again).
     */
    public static void useWriteAheadLog(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
        }
    }

    /** SQLite's quick integrity check: "ok", or what it found wrong. */
    public static String quickCheck(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA quick_check")) {
            return r.next() ? r.getString(1) : "no answer";
        }
    }
}
