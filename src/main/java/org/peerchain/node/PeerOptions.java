package org.peerchain.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.peerchain.consensus.ChainParams;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.LocalDiscovery;
import org.peerchain.p2p.P2pSettings;
import org.peerchain.p2p.TrackerClient;

/** The node's P2P options: trackers to announce to, fixed peers to keep connected, limits and timings. */
public record PeerOptions(List<HostPort> trackers, List<HostPort> connect, P2pSettings settings) {
    public static final PeerOptions NONE = new PeerOptions(List.of(), List.of(), P2pSettings.defaults());
    /** The port of a tracker given as a bare {@code HOST}. */
    public static final int DEFAULT_TRACKER_PORT = TrackerClient.DEFAULT_TRACKER_PORT;

    public PeerOptions {
        trackers = List.copyOf(trackers);
        connect = List.copyOf(connect);
        Objects.requireNonNull(settings);
    }

    /**
     * The options a user gives as text ({@code HOST:PORT}, {@code [v6]:PORT} or a bare {@code HOST}): trackers get
     * {@link #DEFAULT_TRACKER_PORT} and peers the network's P2P port when none is written. With {@code connectOnly}
     * the node dials only the {@code connect} peers (and those added later), not the trackers' or the address book's.
     * Local network discovery as the network has it by default ({@link #discoversByDefault}).
     *
     * @throws IllegalArgumentException naming the address that cannot be read and what is wrong with it
     */
    public static PeerOptions parse(List<String> trackers, List<String> connect, boolean connectOnly,
            ChainParams params) {
        return parse(trackers, connect, connectOnly, null, params);
    }

    /**
     * As {@link #parse(List, List, boolean, ChainParams)}, with local network discovery on or off ({@code discover};
     * null: the network's default).
     */
    public static PeerOptions parse(List<String> trackers, List<String> connect, boolean connectOnly,
            Boolean discover, ChainParams params) {
        boolean local = discover != null ? discover : discoversByDefault(params);
        return new PeerOptions(addresses(trackers, DEFAULT_TRACKER_PORT), addresses(connect, params.defaultPort()),
                P2pSettings.defaults().withDiscovery(!connectOnly)
                        .withLocalDiscovery(LocalDiscovery.Settings.defaults().withEnabled(local)));
    }

    /**
     * Whether a node finds others on the local network when not told: on the main and test networks, so that two
     * wallets on one network find each other with nothing typed; off on regtest, whose nodes are a developer's or a
     * test's private chains and should meet only the peers they are given ({@code --discover} turns it on).
     */
    public static boolean discoversByDefault(ChainParams params) {
        return params != ChainParams.REGTEST;
    }

    private static List<HostPort> addresses(List<String> texts, int defaultPort) {
        List<HostPort> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(HostPort.parse(text, defaultPort));
        }
        return out;
    }
}
