package org.peerchain.tracker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.peerchain.p2p.TrackerClient;

/**
 * Everything a tracker run can be told. {@link #defaults} gives the documented defaults (docs/TRACKER.md);
 * the {@code with*} methods change one setting.
 */
public record TrackerConfig(String bindAddress, int port, Path database, Duration pingInterval, Duration pingTimeout,
                            int pingConcurrency, int maxPingFailures, Duration expiry, int maxPeersPerIp,
                            double announcesPerSecondPerIp, int announceBurst, String statusBindAddress, int statusPort) {
    public static final int DEFAULT_PORT = TrackerClient.DEFAULT_TRACKER_PORT;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_PING_CONCURRENCY = 64;
    /** A peer failing this many pings in a row is deleted. */
    public static final int DEFAULT_MAX_PING_FAILURES = 3;
    /** A peer that has not re-announced for this long is deleted (nodes re-announce every 5 minutes). */
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_PEERS_PER_IP = 8;
    public static final double DEFAULT_ANNOUNCES_PER_SECOND_PER_IP = 2;
    public static final int DEFAULT_ANNOUNCE_BURST = 20;
    public static final String DEFAULT_STATUS_BIND = "127.0.0.1";
    /** No status server unless a port is given. */
    public static final int NO_STATUS_PORT = -1;

    public TrackerConfig {
        Objects.requireNonNull(bindAddress);
        Objects.requireNonNull(database);
        Objects.requireNonNull(pingInterval);
        Objects.requireNonNull(pingTimeout);
        Objects.requireNonNull(expiry);
        Objects.requireNonNull(statusBindAddress);
        check(port >= 0 && port <= 65_535, "port " + port + " is out of range 0-65535");
        check(statusPort >= NO_STATUS_PORT && statusPort <= 65_535, "status port " + statusPort + " is out of range 0-65535");
        check(!pingInterval.isNegative() && !pingInterval.isZero(), "ping interval must be positive");
        check(!pingTimeout.isNegative() && !pingTimeout.isZero(), "ping timeout must be positive");
        check(pingConcurrency >= 1, "ping concurrency must be at least 1");
        check(maxPingFailures >= 1, "max ping failures must be at least 1");
        check(maxPeersPerIp >= 1, "max peers per address must be at least 1");
        check(announcesPerSecondPerIp > 0 && announceBurst >= 1, "announce rate and burst must be positive");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static TrackerConfig defaults(int port, Path database) {
        return new TrackerConfig("0.0.0.0", port, database, DEFAULT_PING_INTERVAL, DEFAULT_PING_TIMEOUT,
                DEFAULT_PING_CONCURRENCY, DEFAULT_MAX_PING_FAILURES, DEFAULT_EXPIRY, DEFAULT_MAX_PEERS_PER_IP,
                DEFAULT_ANNOUNCES_PER_SECOND_PER_IP, DEFAULT_ANNOUNCE_BURST, DEFAULT_STATUS_BIND, NO_STATUS_PORT);
    }

    public TrackerConfig withBindAddress(String a) {
        return new TrackerConfig(a, port, database, pingInterval, pingTimeout, pingConcurrency, maxPingFailures, expiry,
                maxPeersPerIp, announcesPerSecondPerIp, announceBurst, statusBindAddress, statusPort);
    }

    public TrackerConfig withPort(int p) {
        return new TrackerConfig(bindAddress, p, database, pingInterval, pingTimeout, pingConcurrency, maxPingFailures,
                expiry, maxPeersPerIp, announcesPerSecondPerIp, announceBurst, statusBindAddress, statusPort);
    }

    public TrackerConfig withDatabase(Path d) {
        return new TrackerConfig(bindAddress, port, d, pingInterval, pingTimeout, pingConcurrency, maxPingFailures,
                expiry, maxPeersPerIp, announcesPerSecondPerIp, announceBurst, statusBindAddress, statusPort);
    }

    public TrackerConfig withPingInterval(Duration d) {
        return new TrackerConfig(bindAddress, port, database, d, pingTimeout, pingConcurrency, maxPingFailures, expiry,
                maxPeersPerIp, announcesPerSecondPerIp, announceBurst, statusBindAddress, statusPort);
    }

    public TrackerConfig withPingTimeout(Duration d) {
        return new TrackerConfig(bindAddress, port, database, pingInterval, d, pingConcurrency, maxPingFailures, expiry,
                maxPeersPerIp, announcesPerSecondPerIp, announceBurst, statusBindAddress, statusPort);
    }

    public TrackerConfig withPingConcurrency(int n) {
        return new TrackerConfig(bindAddress, port, database, pingInterval, pingTimeout, n, maxPingFailures, expiry,
                maxPeersPerIp, announcesPerSecondPerIp, announceBurst, statusBindAddress, statusPort);
    }

    public TrackerConfig withMaxPingFailures(int n) {
        return new TrackerConfig(bindAddress, port, database, pingInterval, pingTimeout, pingConcurrency, n, expiry,
                maxPeersPerIp, announcesPerSecondPerIp, announceBurst, statusBindAddress, statusPort);
    }

    public TrackerConfig withExpiry(Duration d) {
        return new TrackerConfig(bindAddress, port, database, pingInterval, pingTimeout, pingConcurrency, maxPingFailures,
                d, maxPeersPerIp, announcesPerSecondPerIp, announceBurst, statusBindAddress, statusPort);
    }

    public TrackerConfig withMaxPeersPerIp(int n) {
        return new TrackerConfig(bindAddress, port, database, pingInterval, pingTimeout, pingConcurrency, maxPingFailures,
                expiry, n, announcesPerSecondPerIp, announceBurst, statusBindAddress, statusPort);
    }

    public TrackerConfig withAnnounceRate(double perSecond, int burst) {
        return new TrackerConfig(bindAddress, port, database, pingInterval, pingTimeout, pingConcurrency, maxPingFailures,
                expiry, maxPeersPerIp, perSecond, burst, statusBindAddress, statusPort);
    }

    public TrackerConfig withStatus(String bind, int p) {
        return new TrackerConfig(bindAddress, port, database, pingInterval, pingTimeout, pingConcurrency, maxPingFailures,
                expiry, maxPeersPerIp, announcesPerSecondPerIp, announceBurst, bind, p);
    }
}
