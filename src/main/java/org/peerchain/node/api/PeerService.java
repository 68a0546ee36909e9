package org.peerchain.node.api;

import java.time.Duration;
import java.util.List;

/** The node's peers: who is connected, bans, trackers, and the actions a user takes on them. */
public interface PeerService {
    /** Whether P2P is on; every other method answers empty or throws {@link IllegalStateException} when it is off. */
    boolean enabled();

    PeerSnapshot snapshot();

    /** Disconnects a peer by its id; false when no such peer is connected. */
    boolean disconnect(long peerId);

    /** Bans a host (its IP address or name) for {@code duration}, disconnecting it. */
    void ban(String host, Duration duration, String reason);

    /** Lifts a ban; false when the host was not banned. */
    boolean unban(String host);

    List<BanInfo> bans();

    /**
     * Dials {@code hostPort} ("192.0.2.1:7333", or a host alone for the network's port) and keeps it as a fixed peer.
     * Throws {@link IllegalArgumentException} naming what is wrong with the address.
     */
    void addPeer(String hostPort);

    List<TrackerInfo> trackers();
}
