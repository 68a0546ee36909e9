package org.peerchain.cli;

import java.util.concurrent.Callable;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.node.PeerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peerchain node}: the node without a window, for servers and scripts. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a node without a window; script it through JSON-RPC (see 'peerchain rpc').")
public final class NodeCommand implements Callable<Integer> {
    @Mixin
    NetworkOptions network;

    @Option(names = "--rpc-port", description = "JSON-RPC port on 127.0.0.1; 0 picks a free one (written to"
            + " <datadir>/ports.json); default: the network's RPC port")
    Integer rpcPort;

    // Mining (issue 3)
    @Option(names = "--mine", description = "mine from the start (setgenerate true|false changes it later)")
    boolean mine;

    @Option(names = "--threads", defaultValue = "1", description = "mining threads, 1 to the number of cores,"
            + " or -1 for every core (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--mine-to", paramLabel = "ADDRESS", description = "address mined coins go to (default: the wallet's"
            + " mining address; without a wallet, a key the node keeps in <datadir>/mining.key; logged at start and"
            + " shown by getmininginfo)")
    String mineTo;

    @Option(names = "--txindex", description = "keep an index of every transaction of the chain (bitcoind's -txindex),"
            + " for getrawtransaction and the explorer; built in the background for an existing chain")
    boolean txIndex;

    @Option(names = "--dbcache", paramLabel = "MB", defaultValue = "96", description = "memory for the chain"
            + " database's caches, 8 to 16384 MB (bitcoind's -dbcache; default: ${DEFAULT-VALUE}): more folds the"
            + " UTXO set into its table less often during a sync")
    int dbCache;

    @Option(names = "--host-tracker", paramLabel = "PORT", description = "also run a tracker in this process on PORT"
            + " (" + PeerOptions.DEFAULT_TRACKER_PORT + " is the usual one; 0 picks a free one), which this node"
            + " announces to; other nodes find peers through it with --tracker THIS-HOST:PORT")
    Integer hostTracker;

    // Wallet (issue 6): make the data directory's wallet before starting; see WalletSetup and docs/WALLET.md.
    @Option(names = "--create-wallet", description = "first make a new wallet in the data directory: asks for a"
            + " password and prints its 24-word recovery phrase once")
    boolean createWallet;

    @Option(names = "--restore-wallet", description = "first restore a wallet from its recovery phrase (read from the"
            + " terminal or standard input); the node rebuilds its balance and history from the chain")
    boolean restoreWallet;

    @Mixin
    PeerCommandOptions peerOptions;

    @Override
    public Integer call() {
        if (createWallet && restoreWallet) {
            System.err.println("error: choose one of --create-wallet and --restore-wallet");
            return 2;
        }
        if (createWallet || restoreWallet) {
            int status = WalletSetup.run(restoreWallet, network.params(), network.dataDir(),
                    WalletSetup.Prompter.system(System.out), System.out, System.err);
            if (status != 0) {
                return status;
            }
        }
        int rpc = rpcPort != null ? rpcPort : network.params().defaultRpcPort();
        PeerOptions peers;
        try {
            peers = peerOptions.peerOptions(network.params());
        } catch (IllegalArgumentException e) {
            System.err.println("error: --tracker/--connect: " + e.getMessage());
            return 2;
        }
        int p2p = peerOptions.port(network.params());
        if (hostTracker != null && (hostTracker < 0 || hostTracker > 65_535)) {
            System.err.println("error: --host-tracker: the port must be 0 to 65535, not " + hostTracker);
            return 2;
        }
        NodeConfig config;
        try {
            config = new NodeConfig(network.params(), network.dataDir(), rpc, p2p, peers,
                    new MiningConfig(mine, threads, mineTo)).withTxIndex(txIndex)
                    .withHostTracker(hostTracker == null ? NodeConfig.OFF : hostTracker).withDbCache(dbCache);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --dbcache: " + e.getMessage());
            return 2;
        }
        Node node;
        try {
            node = Node.start(config);
        } catch (NodeStartException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown"));
        try {
            node.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
