package org.peerchain.node;

import java.util.List;
import java.util.Objects;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.P2pSettings;

/** The node's P2P options: trackers to announce to, fixed peers to keep connected, limits and timings. */
public record PeerOptions(List<HostPort> trackers, List<HostPort> connect, P2pSettings settings) {
    public static final PeerOptions NONE = new PeerOptions(List.of(), List.of(), P2pSettings.defaults());

    public PeerOptions {
        trackers = List.copyOf(trackers);
        connect = List.copyOf(connect);
        Objects.requireNonNull(settings);
    }
}
