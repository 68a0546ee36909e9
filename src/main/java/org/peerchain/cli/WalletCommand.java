package org.peerchain.cli;

import java.util.concurrent.Callable;
import org.peerchain.node.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peerchain wallet}: the desktop wallet, with its own node (its RPC port is written to ports.json). */
@Command(name = "wallet", mixinStandardHelpOptions = true, description = "Open the desktop wallet (the default).")
public final class WalletCommand implements Callable<Integer> {
    @Mixin
    NetworkOptions network;

    @Override
    public Integer call() {
        org.peerchain.ui.WalletMain.launch(new NodeConfig(network.params(), network.dataDir(), 0, NodeConfig.OFF));
        return 0;
    }
}
