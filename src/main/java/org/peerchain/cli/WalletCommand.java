package org.peerchain.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.DataDirectory;
import org.peerchain.node.PeerOptions;
import org.peerchain.ui.WalletMain;
import org.peerchain.ui.settings.DesktopLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code peerchain wallet}: the desktop wallet, with its own node on the network (its ports are written to
 * ports.json). Without {@code --network} and {@code --datadir} it opens the data directory chosen at the first run
 * ({@link DesktopLocation}), or main's default.
 */
@Command(name = "wallet", mixinStandardHelpOptions = true, description = "Open the desktop wallet (the default).")
public final class WalletCommand implements Callable<Integer> {
    @Mixin
    NetworkOptions network;

    @Mixin
    PeerCommandOptions peerOptions;

    @picocli.CommandLine.Option(names = "--dbcache", paramLabel = "MB", defaultValue = "96", description = "memory"
            + " for the chain database's caches, 8 to 16384 MB (bitcoind's -dbcache; default: ${DEFAULT-VALUE})")
    int dbCache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<DesktopLocation> chosen = chosenLocation();
        ChainParams params = chosen.map(c -> ChainParams.forName(c.network())).orElse(network.params());
        Path dataDir = chosen.map(DesktopLocation::dataDir).orElse(network.dataDir());
        PeerOptions peers;
        try {
            peers = peerOptions.peerOptions(params);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --tracker/--connect: " + e.getMessage());
            return 2;
        }
        org.peerchain.node.NodeConfig config;
        try {
            config = WalletMain.desktopConfig(params, dataDir, peerOptions.port(params), peers).withDbCache(dbCache);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --dbcache: " + e.getMessage());
            return 2;
        }
        // the settings' port, trackers and peers apply under what was typed here
        WalletMain.launch(config, peerOptions.asTyped());
        return 0;
    }

    /** The first run's choice, when neither --network nor --datadir was typed. */
    private Optional<DesktopLocation> chosenLocation() {
        var typed = spec.commandLine().getParseResult();
        return chosenLocation(typed.hasMatchedOption("--network") || typed.hasMatchedOption("--datadir"),
                DataDirectory.base());
    }

    /** The choice kept in {@code base}, unless the command line named a network or a data directory. */
    static Optional<DesktopLocation> chosenLocation(boolean typedNetworkOrDataDir, Path base) {
        if (typedNetworkOrDataDir) {
            return Optional.empty();
        }
        try {
            return DesktopLocation.read(base);
        } catch (IOException e) {
            System.err.println("warning: " + e.getMessage() + "; opening the default data directory");
            return Optional.empty();
        }
    }
}
