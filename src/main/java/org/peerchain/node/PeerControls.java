package org.peerchain.node;

import java.time.Duration;
import java.util.List;
import org.peerchain.events.EventBus;
import org.peerchain.node.api.BanInfo;
import org.peerchain.node.api.PeerService;
import org.peerchain.node.api.PeerSnapshot;
import org.peerchain.node.api.PeerSource;
import org.peerchain.node.api.PeerStats;
import org.peerchain.node.api.TrackerInfo;
import org.peerchain.p2p.PeerNetwork;

/** The peers service over the node's {@link PeerNetwork}. */
final class PeerControls implements PeerService {
    private final Node node;
    private final EventBus apiEvents;

    PeerControls(Node node, EventBus apiEvents) {
        this.node = node;
        this.apiEvents = apiEvents;
    }

    @Override
    public boolean enabled() {
        return node.network() != null;
    }

    @Override
    public PeerSnapshot snapshot() {
        PeerNetwork n = node.network();
        if (n == null) {
            return new PeerSnapshot(List.of(), 0, 0, System.currentTimeMillis());
        }
        List<PeerStats> peers = n.peers().stream().map(p -> new PeerStats(p.id(), p.address(), p.inbound(),
                p.inbound() ? PeerSource.INBOUND : PeerSource.MANUAL, p.protocolVersion(), p.syncedBlocks(),
                p.pingMillis(), p.bytesReceived(), p.bytesSent(), p.connectedAt() * 1000, p.misbehaviour())).toList();
        return new PeerSnapshot(peers, peers.stream().mapToLong(PeerStats::bytesReceived).sum(),
                peers.stream().mapToLong(PeerStats::bytesSent).sum(), System.currentTimeMillis());
    }

    @Override
    public boolean disconnect(long peerId) {
        throw new UnsupportedOperationException("disconnect: being built");
    }

    @Override
    public void ban(String host, Duration duration, String reason) {
        throw new UnsupportedOperationException("ban: being built");
    }

    @Override
    public boolean unban(String host) {
        throw new UnsupportedOperationException("unban: being built");
    }

    @Override
    public List<BanInfo> bans() {
        return List.of();
    }

    @Override
    public void addPeer(String hostPort) {
        throw new UnsupportedOperationException("add peer: being built");
    }

    @Override
    public List<TrackerInfo> trackers() {
        return List.of();
    }

    /** Stops this service's own timers and subscriptions (the node closes its parts). */
    void close() {
    }
}
