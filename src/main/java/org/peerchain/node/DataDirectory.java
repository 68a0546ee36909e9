package org.peerchain.node;

import java.nio.file.Path;

/** Where a network's data lives by default: {@code ~/.peerchain/<network>}, or under {@code $PEERCHAIN_HOME}. */
public final class DataDirectory {
    public static final String HOME_VARIABLE = "PEERCHAIN_HOME";

    private DataDirectory() {
    }

    public static Path defaultFor(String network) {
        String home = System.getenv(HOME_VARIABLE);
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".peerchain");
        return base.resolve(network);
    }
}
