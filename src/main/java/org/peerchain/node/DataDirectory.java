package org.peerchain.node;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a node keeps its files, by each system's convention, and where an installed app writes its log. One
 * directory per network, so main, test and regtest never mix.
 *
 * <table>
 * <caption>The base directory (the networks' folders are in it) and the log directory</caption>
 * <tr><th>system</th><th>data</th><th>logs</th></tr>
 * <tr><td>Linux and others</td><td>{@code ~/.peerchain}</td><td>{@code $XDG_STATE_HOME/peerchain}, by default
 *     {@code ~/.local/state/peerchain}</td></tr>
 * <tr><td>macOS</td><td>{@code ~/Library/Application Support/PeerChain}</td><td>{@code ~/Library/Logs/PeerChain}</td></tr>
 * <tr><td>Windows</td><td>{@code %APPDATA%\PeerChain}</td><td>{@code %LOCALAPPDATA%\PeerChain\Logs}</td></tr>
 * </table>
 * {@code $PEERCHAIN_HOME} replaces the base on every system, and the logs then go to its {@code logs} folder.
 */
public final class DataDirectory {
    /** Overrides the base directory for every network. */
    public static final String HOME_ENV = "PEERCHAIN_HOME";
    public static final String DEFAULT_BASE_NAME = ".peerchain";
    /** The folder name on macOS and Windows, where application folders are named as the application. */
    public static final String APP_NAME = "PeerChain";

    /** The systems whose conventions differ. */
    public enum Os {
        LINUX, MAC, WINDOWS;

        static Os of(String osName) {
            String n = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
            return n.startsWith("mac") || n.startsWith("darwin") ? MAC : n.startsWith("windows") ? WINDOWS : LINUX;
        }

        public static Os current() {
            return of(System.getProperty("os.name"));
        }
    }

    /** What the conventions are read from: the system, the environment and the user's home. */
    record Place(Os os, String peerchainHome, String userHome, String appData, String localAppData,
                 String xdgStateHome) {
        static Place current() {
            return new Place(Os.current(), System.getenv(HOME_ENV), System.getProperty("user.home"),
                    System.getenv("APPDATA"), System.getenv("LOCALAPPDATA"), System.getenv("XDG_STATE_HOME"));
        }

        Path base() {
            if (set(peerchainHome)) {
                return Path.of(peerchainHome);
            }
            return switch (os) {
                case MAC -> Path.of(userHome, "Library", "Application Support", APP_NAME);
                case WINDOWS -> set(appData) ? Path.of(appData, APP_NAME)
                        : Path.of(userHome, "AppData", "Roaming", APP_NAME);
                case LINUX -> Path.of(userHome, DEFAULT_BASE_NAME);
            };
        }

        Path logs() {
            if (set(peerchainHome)) {
                return Path.of(peerchainHome, "logs");
            }
            return switch (os) {
                case MAC -> Path.of(userHome, "Library", "Logs", APP_NAME);
                case WINDOWS -> set(localAppData) ? Path.of(localAppData, APP_NAME, "Logs")
                        : Path.of(userHome, "AppData", "Local", APP_NAME, "Logs");
                case LINUX -> set(xdgStateHome) ? Path.of(xdgStateHome, "peerchain")
                        : Path.of(userHome, ".local", "state", "peerchain");
            };
        }

        private static boolean set(String v) {
            return v != null && !v.isBlank();
        }
    }

    private DataDirectory() {
    }

    /** The folder holding the networks' folders on this system ({@code $PEERCHAIN_HOME} when set). */
    public static Path base() {
        return Place.current().base();
    }

    /** Where an installed app writes its log on this system. */
    public static Path logDirectory() {
        return Place.current().logs();
    }

    /** The data directory of {@code network} on this system: the base's folder of that name. */
    public static Path defaultFor(String network) {
        return defaultFor(network, Place.current());
    }

    static Path defaultFor(String network, String peerchainHome, String userHome) {
        return defaultFor(network, new Place(Os.LINUX, peerchainHome, userHome, null, null, null));
    }

    static Path defaultFor(String network, Place place) {
        if (network == null || network.isBlank()) {
            throw new IllegalArgumentException("a network name is needed to choose the data directory");
        }
        return place.base().resolve(network);
    }
}
