package org.peerchain.p2p;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timings of the peer network. {@link #defaults()} is what a node runs with; tests and
 * benchmarks shorten timings or change limits with the {@code with...} methods.
 */
public record P2pSettings(int maxInbound, int maxOutbound, int maxConnectionsPerIp, boolean discover,
                          Duration connectTimeout, Duration handshakeTimeout, Duration pingInterval, Duration pingTimeout,
                          Duration stallTimeout, Duration connectInterval, Duration banDuration,
                          TrackerClient.Settings tracker, LocalDiscovery.Settings localDiscovery) {
    public static final int MAX_INBOUND = PeerListener.MAX_INBOUND_CONNECTIONS;
    public static final int MAX_OUTBOUND = 8;
    public static final int MAX_CONNECTIONS_PER_IP = PeerListener.MAX_CONNECTIONS_PER_IP;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration PING_INTERVAL = Duration.ofSeconds(30);
    /** A ping not answered in this time drops the peer. */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(90);
    /** A peer that holds requested blocks and delivers none in this time is dropped; its blocks go to others. */
    public static final Duration STALL_TIMEOUT = Duration.ofSeconds(10);
    /** How often the connection keeper looks for peers to dial. */
    public static final Duration CONNECT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration BAN_DURATION = Duration.ofHours(24);

    public P2pSettings {
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(handshakeTimeout);
        Objects.requireNonNull(pingInterval);
        Objects.requireNonNull(pingTimeout);
        Objects.requireNonNull(stallTimeout);
        Objects.requireNonNull(connectInterval);
        Objects.requireNonNull(banDuration);
        Objects.requireNonNull(tracker);
        Objects.requireNonNull(localDiscovery);
        if (maxInbound < 0 || maxOutbound < 0 || maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("connection limits must not be negative");
        }
    }

    /**
     * What a node runs with, local network discovery off: a node built from code meets only the peers it is given.
     * The command line's options ({@code PeerOptions.parse}) turn discovery on where the network has it by default.
     */
    public static P2pSettings defaults() {
        return new P2pSettings(MAX_INBOUND, MAX_OUTBOUND, MAX_CONNECTIONS_PER_IP, true, CONNECT_TIMEOUT,
                PeerListener.HANDSHAKE_TIMEOUT, PING_INTERVAL, PING_TIMEOUT, STALL_TIMEOUT, CONNECT_INTERVAL, BAN_DURATION,
                TrackerClient.Settings.defaults(), LocalDiscovery.Settings.off());
    }

    /**
     * Timings for tests on loopback: fast reconnects, tracker retries and stall detection; no per-address cap; no local
     * network discovery (a test's nodes would otherwise find every other test's).
     */
    public static P2pSettings forLoopbackTests() {
        return new P2pSettings(MAX_INBOUND, MAX_OUTBOUND, MAX_INBOUND, true, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofMillis(200), BAN_DURATION,
                new TrackerClient.Settings(Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(2),
                        Duration.ofSeconds(2)), LocalDiscovery.Settings.off());
    }

    /** At most {@code n} inbound connections at once (tests fill a small number of slots). */
    public P2pSettings withMaxInbound(int n) {
        return new P2pSettings(n, maxOutbound, maxConnectionsPerIp, discover, connectTimeout, handshakeTimeout, pingInterval,
                pingTimeout, stallTimeout, connectInterval, banDuration, tracker, localDiscovery);
    }

    public P2pSettings withMaxOutbound(int n) {
        return new P2pSettings(maxInbound, n, maxConnectionsPerIp, discover, connectTimeout, handshakeTimeout, pingInterval,
                pingTimeout, stallTimeout, connectInterval, banDuration, tracker, localDiscovery);
    }

    /** Without discovery the node dials only its fixed peers ({@code --connect}, {@code addnode}). */
    public P2pSettings withDiscovery(boolean on) {
        return new P2pSettings(maxInbound, maxOutbound, maxConnectionsPerIp, on, connectTimeout, handshakeTimeout, pingInterval,
                pingTimeout, stallTimeout, connectInterval, banDuration, tracker, localDiscovery);
    }

    public P2pSettings withStallTimeout(Duration d) {
        return new P2pSettings(maxInbound, maxOutbound, maxConnectionsPerIp, discover, connectTimeout, handshakeTimeout,
                pingInterval, pingTimeout, d, connectInterval, banDuration, tracker, localDiscovery);
    }

    /** A connection that has not completed the handshake in {@code d} is dropped (tests use a short one). */
    public P2pSettings withHandshakeTimeout(Duration d) {
        return new P2pSettings(maxInbound, maxOutbound, maxConnectionsPerIp, discover, connectTimeout, d,
                pingInterval, pingTimeout, stallTimeout, connectInterval, banDuration, tracker, localDiscovery);
    }

    public P2pSettings withMaxConnectionsPerIp(int n) {
        return new P2pSettings(maxInbound, maxOutbound, n, discover, connectTimeout, handshakeTimeout,
                pingInterval, pingTimeout, stallTimeout, connectInterval, banDuration, tracker, localDiscovery);
    }

    /** Local network discovery on or off, or on another port. */
    public P2pSettings withLocalDiscovery(LocalDiscovery.Settings d) {
        return new P2pSettings(maxInbound, maxOutbound, maxConnectionsPerIp, discover, connectTimeout, handshakeTimeout,
                pingInterval, pingTimeout, stallTimeout, connectInterval, banDuration, tracker, d);
    }
}
