package org.peerchain.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.peerchain.ui.settings.DesktopLocation;

/** Lets tests outside the package ask how {@code peerchain wallet} picks its data directory. */
public final class WalletCommandAccess {
    private WalletCommandAccess() {
    }

    public static Optional<DesktopLocation> chosenLocation(boolean typedNetworkOrDataDir, Path base) {
        return WalletCommand.chosenLocation(typedNetworkOrDataDir, base);
    }
}
