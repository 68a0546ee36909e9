package org.peerchain.node;

import java.nio.file.Path;
import org.peerchain.consensus.ChainParams;

/**
 * How a node runs. {@code rpcPort} and {@code p2pPort}: 0 picks a free port (written to ports.json),
 * -1 turns the service off. {@code peers}: trackers, fixed peers and P2P limits.
 */
public record NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort, PeerOptions peers) {
    public static final int OFF = -1;

    public NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort) {
        this(params, dataDir, rpcPort, p2pPort, PeerOptions.NONE);
    }

    public static NodeConfig regtest(Path dataDir) {
        return new NodeConfig(ChainParams.REGTEST, dataDir, 0, OFF);
    }

    public NodeConfig withRpcPort(int port) {
        return new NodeConfig(params, dataDir, port, p2pPort, peers);
    }

    public NodeConfig withP2pPort(int port) {
        return new NodeConfig(params, dataDir, rpcPort, port, peers);
    }

    public NodeConfig withPeers(PeerOptions options) {
        return new NodeConfig(params, dataDir, rpcPort, p2pPort, options);
    }
}
