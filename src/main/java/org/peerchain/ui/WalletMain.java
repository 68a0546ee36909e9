package org.peerchain.ui;

import javafx.application.Application;
import org.peerchain.node.NodeConfig;

/** Starts the desktop wallet. Not an {@code Application} itself, so JavaFX loads from the class path. */
public final class WalletMain {
    private WalletMain() {
    }

    public static void launch(NodeConfig config) {
        WalletApp.setLaunchConfig(config);
        Application.launch(WalletApp.class);
    }

    /** Entry point for {@code mvn javafx:run}: the main network in the default data directory. */
    public static void main(String[] args) {
        org.peerchain.cli.Main.main(args.length == 0 ? new String[] {"wallet"} : prepend(args));
    }

    private static String[] prepend(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "wallet";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
