package org.peerchain.tracker;

import java.util.Objects;

/**
 * One registered peer. Times are epoch milliseconds; {@code pingRttMicros} is -1 until a ping has
 * succeeded. {@code height} is the latest the peer told: in its announce or in the handshake of a liveness ping. Immutable: the registry replaces records.
 */
public record PeerRecord(PeerKey key, String nodeId, int protocolVersion, long height, long firstSeen, long lastSeen,
                         long pingRttMicros, int failures, PeerState state) {
    public static final long NO_RTT = -1;

    public PeerRecord {
        Objects.requireNonNull(key);
        Objects.requireNonNull(nodeId);
        Objects.requireNonNull(state);
    }

    PeerRecord announced(String newNodeId, int version, long newHeight, long now) {
        return new PeerRecord(key, newNodeId, version, newHeight, firstSeen, now, pingRttMicros, failures, state);
    }

    PeerRecord pingSucceeded(long rttMicros, long heightNow) {
        return new PeerRecord(key, nodeId, protocolVersion, heightNow, firstSeen, lastSeen, rttMicros, 0, PeerState.LIVE);
    }

    PeerRecord pingFailed() {
        return new PeerRecord(key, nodeId, protocolVersion, height, firstSeen, lastSeen, pingRttMicros, failures + 1,
                PeerState.FAILING);
    }
}
