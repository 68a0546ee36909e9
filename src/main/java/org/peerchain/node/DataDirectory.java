package org.peerchain.node;

import java.nio.file.Path;

/** Where a node keeps its files. One directory per network, so main, test and regtest never mix. */
public final class DataDirectory {
    /** Overrides the base directory (normally {@code ~/.peerchain}) for every network. */
    public static final String HOME_ENV = "PEERCHAIN_HOME";
    public static final String DEFAULT_BASE_NAME = ".peerchain";

    private DataDirectory() {
    }

    /** {@code $PEERCHAIN_HOME} when that variable is set, otherwise {@code ~/.peerchain}: where the networks' folders are. */
    public static Path base() {
        return defaultFor("main").getParent();
    }

    /** {@code $PEERCHAIN_HOME/<network>} when that variable is set, otherwise {@code ~/.peerchain/<network>}. */
    public static Path defaultFor(String network) {
        return defaultFor(network, System.getenv(HOME_ENV), System.getProperty("user.home"));
    }

    static Path defaultFor(String network, String peerchainHome, String userHome) {
        if (network == null || network.isBlank()) {
            throw new IllegalArgumentException("a network name is needed to choose the data directory");
        }
        Path base = peerchainHome != null && !peerchainHome.isBlank()
                ? Path.of(peerchainHome)
                : Path.of(userHome, DEFAULT_BASE_NAME);
        return base.resolve(network);
    }
}
