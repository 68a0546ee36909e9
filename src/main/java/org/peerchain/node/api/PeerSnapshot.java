package org.peerchain.node.api;

import java.util.List;

/** Every connected peer and the node's traffic totals since it started, at {@code timeMillis}. */
public record PeerSnapshot(List<PeerStats> peers, long bytesReceived, long bytesSent, long timeMillis) {
    public PeerSnapshot {
        peers = List.copyOf(peers);
    }

    /** How many connected peers came by {@code source}. */
    public long count(PeerSource source) {
        return peers.stream().filter(p -> p.source() == source).count();
    }
}
