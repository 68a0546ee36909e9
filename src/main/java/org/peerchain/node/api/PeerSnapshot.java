package org.peerchain.node.api;

import java.util.List;

/**
 * Every connected peer, the trackers in use and the node's traffic totals since it started (closed connections
 * included), at {@code timeMillis}; {@code traffic} is the rate since the previous snapshot (null for the first, and in
 * a snapshot asked for between two timed ones).
 */
public record PeerSnapshot(List<PeerStats> peers, List<TrackerInfo> trackers, long bytesReceived, long bytesSent,
        long timeMillis, TrafficSample traffic) {
    public PeerSnapshot {
        peers = List.copyOf(peers);
        trackers = List.copyOf(trackers);
    }

    /** No peers, no trackers, no traffic: what a node with P2P off shows. */
    public static PeerSnapshot empty(long timeMillis) {
        return new PeerSnapshot(List.of(), List.of(), 0, 0, timeMillis, null);
    }

    /** This snapshot with {@code sample} as its traffic rate. */
    public PeerSnapshot withTraffic(TrafficSample sample) {
        return new PeerSnapshot(peers, trackers, bytesReceived, bytesSent, timeMillis, sample);
    }

    /** How many connected peers came by {@code source}. */
    public long count(PeerSource source) {
        return peers.stream().filter(p -> p.source() == source).count();
    }

    public long inboundCount() {
        return peers.stream().filter(PeerStats::inbound).count();
    }

    public long outboundCount() {
        return peers.size() - inboundCount();
    }
}
