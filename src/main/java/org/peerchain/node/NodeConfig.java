package org.peerchain.node;

import java.nio.file.Path;
import org.peerchain.consensus.ChainParams;

/**
 * How a node runs. {@code rpcPort} and {@code p2pPort}: 0 picks a free port (written to ports.json),
 * -1 turns the service off. {@code peers}: trackers, fixed peers and P2P limits. {@code mining}: see
 * {@link MiningConfig}. {@code txIndex}: keep the transaction index (bitcoind's -txindex), built in the
 * background when turned on for an existing chain; off, a stored index is no longer maintained.
 */
public record NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort, PeerOptions peers,
        MiningConfig mining, boolean txIndex) {
    public static final int OFF = -1;

    public NodeConfig {
        peers = peers == null ? PeerOptions.NONE : peers;
        mining = mining == null ? MiningConfig.OFF : mining;
    }

    public NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort, PeerOptions peers,
            MiningConfig mining) {
        this(params, dataDir, rpcPort, p2pPort, peers, mining, false);
    }

    public NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort) {
        this(params, dataDir, rpcPort, p2pPort, PeerOptions.NONE, MiningConfig.OFF);
    }

    public NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort, PeerOptions peers) {
        this(params, dataDir, rpcPort, p2pPort, peers, MiningConfig.OFF);
    }

    public NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort, MiningConfig mining) {
        this(params, dataDir, rpcPort, p2pPort, PeerOptions.NONE, mining);
    }

    public static NodeConfig regtest(Path dataDir) {
        return new NodeConfig(ChainParams.REGTEST, dataDir, 0, OFF);
    }

    public NodeConfig withRpcPort(int port) {
        return new NodeConfig(params, dataDir, port, p2pPort, peers, mining, txIndex);
    }

    public NodeConfig withP2pPort(int port) {
        return new NodeConfig(params, dataDir, rpcPort, port, peers, mining, txIndex);
    }

    public NodeConfig withPeers(PeerOptions options) {
        return new NodeConfig(params, dataDir, rpcPort, p2pPort, options, mining, txIndex);
    }

    public NodeConfig withMining(MiningConfig m) {
        return new NodeConfig(params, dataDir, rpcPort, p2pPort, peers, m, txIndex);
    }

    public NodeConfig withTxIndex(boolean on) {
        return new NodeConfig(params, dataDir, rpcPort, p2pPort, peers, mining, on);
    }
}
