package org.peerchain.node.api;

import java.nio.file.Path;

/** The node's identity and state now: what a status bar shows before any event arrives. */
public interface NodeStatus {
    /** The network's name: main, test or regtest. */
    String networkName();

    Path dataDir();

    /** The P2P port, or -1 when P2P is off. */
    int p2pPort();

    /** The RPC port, or -1 when RPC is off. */
    int rpcPort();

    /** The port of the tracker this node runs in its own process, or -1 when it hosts none. */
    int hostedTrackerPort();

    /** The last lifecycle step. */
    NodeEvent.Lifecycle lifecycle();

    SyncState sync();

    /** Whether the node has a wallet (part 2 fills the wallet service). */
    boolean hasWallet();
}
