package org.peerchain.cli;

import java.util.concurrent.Callable;
import org.peerchain.node.PeerOptions;
import org.peerchain.ui.WalletMain;
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
        // the settings' port, trackers and peers apply under what was typed here
        WalletMain.launch(WalletMain.desktopConfig(network.params(), network.dataDir(),
                peerOptions.port(network.params()), peers), peerOptions.asTyped());
        return 0;
    }
}
