package org.peerchain.node;

import java.nio.file.Path;
import org.peerchain.chain.ChainCache;
import org.peerchain.consensus.ChainParams;

/**
 * How a node runs. {@code rpcPort} and {@code p2pPort}: 0 picks a free port (written to ports.json),
 * -1 turns the service off. {@code peers}: trackers, fixed peers and P2P limits. {@code mining}: see
 * {@link MiningConfig}. {@code txIndex}: keep the transaction index (bitcoind's -txindex), built in the
 * background when turned on for an existing chain; off, a stored index is no longer maintained.
 * {@code hostTrackerPort}: run a tracker in this process on that port (0: a free one) and announce to it; -1: none.
 * {@code dbCacheMb}: memory for the chain database's caches (bitcoind's -dbcache), see {@link ChainCache}.
 */
public record NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort, PeerOptions peers,
        MiningConfig mining, boolean txIndex, int hostTrackerPort, int dbCacheMb) {
    public static final int OFF = -1;

    public NodeConfig {
        ChainCache.check(dbCacheMb);
        peers = peers == null ? PeerOptions.NONE : peers;
        mining = mining == null ? MiningConfig.OFF : mining;
        if (hostTrackerPort < OFF || hostTrackerPort > 65_535) {
            throw new IllegalArgumentException("the tracker port must be 0 to 65535, not " + hostTrackerPort);
        }
    }

    public NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort, PeerOptions peers,
            MiningConfig mining, boolean txIndex, int hostTrackerPort) {
        this(params, dataDir, rpcPort, p2pPort, peers, mining, txIndex, hostTrackerPort, ChainCache.DEFAULT_MB);
    }

    public NodeConfig(ChainParams params, Path dataDir, int rpcPort, int p2pPort, PeerOptions peers,
            MiningConfig mining, boolean txIndex) {
        this(params, dataDir, rpcPort, p2pPort, peers, mining, txIndex, OFF);
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
        return new NodeConfig(params, dataDir, port, p2pPort, peers, mining, txIndex, hostTrackerPort, dbCacheMb);
    }

    public NodeConfig withP2pPort(int port) {
        return new NodeConfig(params, dataDir, rpcPort, port, peers, mining, txIndex, hostTrackerPort, dbCacheMb);
    }

    public NodeConfig withPeers(PeerOptions options) {
        return new NodeConfig(params, dataDir, rpcPort, p2pPort, options, mining, txIndex, hostTrackerPort, dbCacheMb);
    }

    public NodeConfig withMining(MiningConfig m) {
        return new NodeConfig(params, dataDir, rpcPort, p2pPort, peers, m, txIndex, hostTrackerPort, dbCacheMb);
    }

    public NodeConfig withTxIndex(boolean on) {
        return new NodeConfig(params, dataDir, rpcPort, p2pPort, peers, mining, on, hostTrackerPort, dbCacheMb);
    }

    public NodeConfig withDbCache(int megabytes) {
        return new NodeConfig(params, dataDir, rpcPort, p2pPort, peers, mining, txIndex, hostTrackerPort, megabytes);
    }

    /** Runs a tracker in this process on {@code port} (0: a free one), or none ({@link #OFF}). */
    public NodeConfig withHostTracker(int port) {
        return new NodeConfig(params, dataDir, rpcPort, p2pPort, peers, mining, txIndex, port, dbCacheMb);
    }
}
