package org.peerchain.ui.settings;

import java.util.List;
import java.util.Locale;

/**
 * The desktop's settings, as kept in {@code settings.json}: look, window, last screen, the node's start options and
 * the wallet's automatic lock. Immutable; a change makes a new value with one of the {@code with...} methods.
 *
 * @param theme "light" or "dark"
 * @param uiScale 1.0 is 100%; {@link #UI_SCALES} are the choices offered
 * @param window the window's last geometry, or null before the first close
 * @param lastScreen the name of the screen open when the window closed
 * @param trackers tracker addresses (host:port) the node announces to, besides any given on the command line
 * @param listenPort the P2P port, 0 for any free port, or {@link #DEFAULT_PORT} for the network's default
 * @param miningThreads mining threads, 0 for half the cores
 * @param pauseMiningWhileSyncing wait with mining while the node catches up
 * @param peers peer addresses (host:port) the node always connects to, besides any given on the command line
 * @param payoutAddress where mined coins go; empty for the wallet's own mining address
 * @param autoLockMinutes lock the wallet after this many idle minutes; {@link #NEVER_LOCK} for never
 * @param browseWithoutWallet the user chose "Browse without a wallet" at the first run: it is not offered at each start
 * @param discover find peers on the local network (true or false), or null for the network's default (on, except on
 *        regtest)
 * @param hostTrackerPort run a tracker in the wallet's process on this port, or {@link #NO_TRACKER}
 */
public record AppSettings(String theme, double uiScale, WindowGeometry window, String lastScreen, List<String> trackers,
        int listenPort, int miningThreads, boolean pauseMiningWhileSyncing, List<String> peers, String payoutAddress,
        int autoLockMinutes, boolean browseWithoutWallet, Boolean discover, int hostTrackerPort) {
    public static final String LIGHT = "light";
    public static final String DARK = "dark";
    public static final List<Double> UI_SCALES = List.of(0.9, 1.0, 1.15, 1.3, 1.5);
    public static final double MIN_SCALE = 0.75;
    public static final double MAX_SCALE = 2.0;
    public static final int DEFAULT_PORT = -1;
    /** {@link #listenPort} meaning "any free port". */
    public static final int ANY_PORT = 0;
    public static final int MAX_PORT = 65_535;
    /** {@link #miningThreads} meaning "half the cores", the default. */
    public static final int HALF_THE_CORES = 0;
    /** More mining threads than any desktop has cores: a larger number in the file is a damaged value. */
    public static final int MAX_MINING_THREADS = 1024;
    /** {@link #autoLockMinutes} meaning the wallet is never locked for idleness. */
    public static final int NEVER_LOCK = 0;
    /** The idle times offered, in minutes; {@link #NEVER_LOCK} first. */
    public static final List<Integer> AUTO_LOCK_CHOICES = List.of(NEVER_LOCK, 1, 5, 15, 60);
    /** The automatic lock of a new installation: a wallet left open is locked after a quarter of an hour. */
    public static final int DEFAULT_AUTO_LOCK_MINUTES = 15;
    /** {@link #hostTrackerPort} meaning the wallet hosts no tracker (the default). */
    public static final int NO_TRACKER = -1;
    /** The port offered for a hosted tracker: the one nodes assume for a bare tracker host. */
    public static final int USUAL_TRACKER_PORT = 7300;

    /** A window's place and size on screen. */
    public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    }

    public AppSettings {
        trackers = trackers == null ? List.of() : List.copyOf(trackers);
        peers = peers == null ? List.of() : List.copyOf(peers);
        payoutAddress = payoutAddress == null ? "" : payoutAddress.strip();
    }

    public static AppSettings defaults() {
        return new AppSettings(LIGHT, 1.0, null, "OVERVIEW", List.of(), DEFAULT_PORT, HALF_THE_CORES, false, List.of(),
                "", DEFAULT_AUTO_LOCK_MINUTES, false, null, NO_TRACKER);
    }

    public boolean dark() {
        return DARK.equals(theme);
    }

    public AppSettings withTheme(String t) {
        return new AppSettings(t.toLowerCase(Locale.ROOT), uiScale, window, lastScreen, trackers, listenPort, miningThreads,
                pauseMiningWhileSyncing, peers, payoutAddress, autoLockMinutes, browseWithoutWallet, discover,
                hostTrackerPort);
    }

    public AppSettings withUiScale(double s) {
        return new AppSettings(theme, s, window, lastScreen, trackers, listenPort, miningThreads, pauseMiningWhileSyncing,
                peers, payoutAddress, autoLockMinutes, browseWithoutWallet, discover,
                hostTrackerPort);
    }

    public AppSettings withWindow(WindowGeometry w) {
        return new AppSettings(theme, uiScale, w, lastScreen, trackers, listenPort, miningThreads, pauseMiningWhileSyncing,
                peers, payoutAddress, autoLockMinutes, browseWithoutWallet, discover,
                hostTrackerPort);
    }

    public AppSettings withLastScreen(String screen) {
        return new AppSettings(theme, uiScale, window, screen, trackers, listenPort, miningThreads, pauseMiningWhileSyncing,
                peers, payoutAddress, autoLockMinutes, browseWithoutWallet, discover,
                hostTrackerPort);
    }

    public AppSettings withMining(int threads, boolean pauseWhileSyncing) {
        return new AppSettings(theme, uiScale, window, lastScreen, trackers, listenPort, threads, pauseWhileSyncing, peers,
                payoutAddress, autoLockMinutes, browseWithoutWallet, discover,
                hostTrackerPort);
    }

    public AppSettings withTrackers(List<String> t) {
        return new AppSettings(theme, uiScale, window, lastScreen, t, listenPort, miningThreads, pauseMiningWhileSyncing,
                peers, payoutAddress, autoLockMinutes, browseWithoutWallet, discover,
                hostTrackerPort);
    }

    public AppSettings withListenPort(int port) {
        return new AppSettings(theme, uiScale, window, lastScreen, trackers, port, miningThreads, pauseMiningWhileSyncing,
                peers, payoutAddress, autoLockMinutes, browseWithoutWallet, discover,
                hostTrackerPort);
    }

    public AppSettings withPeers(List<String> p) {
        return new AppSettings(theme, uiScale, window, lastScreen, trackers, listenPort, miningThreads,
                pauseMiningWhileSyncing, p, payoutAddress, autoLockMinutes, browseWithoutWallet, discover,
                hostTrackerPort);
    }

    public AppSettings withPayoutAddress(String address) {
        return new AppSettings(theme, uiScale, window, lastScreen, trackers, listenPort, miningThreads,
                pauseMiningWhileSyncing, peers, address, autoLockMinutes, browseWithoutWallet, discover,
                hostTrackerPort);
    }

    public AppSettings withBrowseWithoutWallet(boolean browse) {
        return new AppSettings(theme, uiScale, window, lastScreen, trackers, listenPort, miningThreads,
                pauseMiningWhileSyncing, peers, payoutAddress, autoLockMinutes, browse, discover, hostTrackerPort);
    }

    public AppSettings withAutoLockMinutes(int minutes) {
        return new AppSettings(theme, uiScale, window, lastScreen, trackers, listenPort, miningThreads,
                pauseMiningWhileSyncing, peers, payoutAddress, minutes, browseWithoutWallet, discover, hostTrackerPort);
    }

    /** Local network discovery on or off; null goes back to the network's default. */
    public AppSettings withDiscover(Boolean on) {
        return new AppSettings(theme, uiScale, window, lastScreen, trackers, listenPort, miningThreads,
                pauseMiningWhileSyncing, peers, payoutAddress, autoLockMinutes, browseWithoutWallet, on, hostTrackerPort);
    }

    /** Host a tracker on {@code port}, or none ({@link #NO_TRACKER}). */
    public AppSettings withHostTracker(int port) {
        return new AppSettings(theme, uiScale, window, lastScreen, trackers, listenPort, miningThreads,
                pauseMiningWhileSyncing, peers, payoutAddress, autoLockMinutes, browseWithoutWallet, discover, port);
    }
}
