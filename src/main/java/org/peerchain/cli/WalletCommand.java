package org.peerchain.cli;

import java.util.concurrent.Callable;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code peerchain wallet}: the desktop wallet, with its own node on the network (its ports are written to
 * ports.json).
 */
@Command(name = "wallet", mixinStandardHelpOptions = true, description = "Open the desktop wallet (the default).")
public final class WalletCommand implements Callable<Integer> {
    @Mixin
    NetworkOptions network;

    @Mixin
    PeerCommandOptions peerOptions;

    @Override
    public Integer call() {
        PeerOptions peers;
        try {
            peers = peerOptions.peerOptions(network.params());
        } catch (IllegalArgumentException e) {
            System.err.println("error: --tracker/--connect: " + e.getMessage());
            return 2;
        }
        // the desktop's explorer finds any transaction by its id
        org.peerchain.ui.WalletMain.launch(new NodeConfig(network.params(), network.dataDir(), 0,
                peerOptions.port(network.params()), peers).withTxIndex(true));
        return 0;
    }
}
