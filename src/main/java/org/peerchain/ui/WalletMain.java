package org.peerchain.ui;

import javafx.application.Application;
import java.nio.file.Path;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import org.peerchain.ui.settings.NodeStartOptions;

/** Starts the desktop wallet. Not an {@code Application} itself, so JavaFX loads from the class path. */
public final class WalletMain {
    private WalletMain() {
    }

    /**
     * The node the desktop runs: RPC on a free port (written to ports.json, for scripts beside the window) and the
     * transaction index on, so the explorer finds any transaction by its id.
     */
    public static NodeConfig desktopConfig(ChainParams params, Path dataDir, int p2pPort, PeerOptions peers) {
        return new NodeConfig(params, dataDir, 0, p2pPort, peers).withTxIndex(true);
    }

    /** Opens the window on a node started exactly as {@code config} says. */
    public static void launch(NodeConfig config) {
        launch(config, null);
    }

    /**
     * Opens the window; the node starts as {@code config} says with the settings' port, trackers, peers and payout
     * address under what {@code commandLine} gave (null: {@code config} alone).
     */
    public static void launch(NodeConfig config, NodeStartOptions.CommandLine commandLine) {
        WalletApp.setLaunchConfig(config, commandLine);
        Application.launch(WalletApp.class);
    }
}
