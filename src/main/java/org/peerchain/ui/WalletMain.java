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
}
