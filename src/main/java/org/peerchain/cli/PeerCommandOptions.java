package org.peerchain.cli;

import java.util.ArrayList;
import java.util.List;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.PeerOptions;
import org.peerchain.p2p.LocalDiscovery;
import org.peerchain.ui.settings.NodeStartOptions;
import picocli.CommandLine.Option;

/** How a node joins the network: its listen port, the trackers it announces to, the peers it keeps. */
public final class PeerCommandOptions {
    @Option(names = "--port", description = "P2P port; 0 picks a free one (written to <datadir>/ports.json);"
            + " default: the network's P2P port")
    Integer p2pPort;

    @Option(names = "--tracker", paramLabel = "HOST:PORT", description = "a tracker to announce to and find peers"
            + " through (repeatable; port default " + PeerOptions.DEFAULT_TRACKER_PORT + ")")
    List<String> trackers = new ArrayList<>();

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "a peer to stay connected to (repeatable)")
    List<String> connect = new ArrayList<>();

    @Option(names = "--connect-only", description = "dial only the --connect peers (and those added with addnode), not"
            + " the tracker's or the address book's; others may still connect in")
    boolean connectOnly;

    @Option(names = "--discover", negatable = true, description = "find and be found by nodes on the local network"
            + " (UDP multicast to " + LocalDiscovery.DEFAULT_GROUP + ":" + LocalDiscovery.DEFAULT_PORT + "); default: on,"
            + " except on regtest; --no-discover turns it off")
    Boolean discover;

    /** The P2P port to listen on. */
    int port(ChainParams params) {
        return p2pPort != null ? p2pPort : params.defaultPort();
    }

    /** These options as typed, for the desktop to merge over its settings. */
    NodeStartOptions.CommandLine asTyped() {
        return new NodeStartOptions.CommandLine(p2pPort, trackers, connect, connectOnly, discover, null);
    }

    /** The trackers and fixed peers; a malformed HOST:PORT is an IllegalArgumentException naming it. */
    PeerOptions peerOptions(ChainParams params) {
        return PeerOptions.parse(trackers, connect, connectOnly, discover, params);
    }
}
