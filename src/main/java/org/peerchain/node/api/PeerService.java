package org.peerchain.node.api;

import java.time.Duration;
import java.util.List;

/**
 * The node's peers: who is connected, bans, trackers, and the actions a user takes on them. Calls may touch the
 * network and the address book: run them off the FX thread.
 */
public interface PeerService {
    /** Whether P2P is on; when it is off the snapshot and lists are empty and the actions throw {@link IllegalStateException}. */
    /** How far back {@link #traffic()} reaches. */
    long TRAFFIC_WINDOW_MILLIS = 10 * 60 * 1000;

    boolean enabled();

    PeerSnapshot snapshot();

    /** Disconnects a peer by its id; false when no such peer is connected. */
    boolean disconnect(long peerId);

    /**
     * Bans a host (an IP address, or a name resolved to one) for {@code duration}, disconnecting its peers. Throws
     * {@link IllegalArgumentException} naming what is wrong with the host, the duration or the reason.
     */
    void ban(String host, Duration duration, String reason);

    /** Lifts a ban; false when the host was not banned. */
    boolean unban(String host);

    /** Lifts every ban. */
    void clearBans();

    /** The bans in force, by address. */
    List<BanInfo> bans();

    /**
     * Dials {@code hostPort} ("192.0.2.1:7333", or a host alone for the network's port) and keeps it as a fixed peer.
     * Throws {@link IllegalArgumentException} naming what is wrong with the address.
     */
    void addPeer(String hostPort);

    /**
     * Announces to the tracker at {@code hostPort} (a host alone gets port 7300) from now on, and takes the peers it
     * returns, as a tracker given at start would; for this run only (the settings keep it for the next).
     * Throws {@link IllegalArgumentException} naming what is wrong with the address, {@link IllegalStateException}
     * when P2P is off.
     */
    void joinTracker(String hostPort);

    List<TrackerInfo> trackers();

    /**
     * The node's traffic over the last {@link #TRAFFIC_WINDOW_MILLIS}, a sample for each peers snapshot (one a second),
     * oldest first; kept from the node's start whether or not anything shows it. Each {@link PeerSnapshot} carries its
     * own newest sample.
     */
    List<TrafficSample> traffic();

    /** How long {@link #testTracker} waits to connect and then for an answer. */
    Duration TRACKER_TEST_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Asks the tracker at {@code hostPort} ("192.0.2.1:7300", or a host alone for the tracker port 7300) for peers of
     * this network, registering nothing, and says what happened. Waits up to {@link #TRACKER_TEST_TIMEOUT} twice
     * (connect, answer); works with P2P off. Throws {@link IllegalArgumentException} naming what is wrong with the
     * address.
     */
    TrackerTestResult testTracker(String hostPort);
}
