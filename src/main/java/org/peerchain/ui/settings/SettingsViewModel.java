package org.peerchain.ui.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.PeerOptions;
import org.peerchain.node.api.AddressCheck;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.TrackerTestResult;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The Settings screen's network, mining and appearance sections: each command checks what was typed, says what is
 * wrong next to the field, persists through the {@link SettingsScreen.Host} and either applies the change at once
 * (fixed peers, mining threads and pause, theme, scale) or says that it takes effect at the next start (trackers,
 * listen port, local network discovery, a hosted tracker). Work that reaches the node runs on {@code commands} and reports through the dispatcher.
 */
public final class SettingsViewModel {
    static final String NEXT_START = " It takes effect at the next start.";

    private final NodeServices node;
    private final FxDispatcher dispatcher;
    private final SettingsScreen.Host host;
    private final Executor commands;

    private final ObservableList<String> trackers = FXCollections.observableArrayList();
    private final ObjectProperty<Notice> trackerNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final BooleanProperty testingTracker = new SimpleBooleanProperty();
    private final ObjectProperty<Notice> portNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final BooleanProperty discover = new SimpleBooleanProperty();
    private final ObjectProperty<Notice> discoverNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final BooleanProperty hostTracker = new SimpleBooleanProperty();
    private final ObjectProperty<Notice> hostNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final ObservableList<String> peers = FXCollections.observableArrayList();
    private final ObjectProperty<Notice> peerNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final IntegerProperty threads = new SimpleIntegerProperty(1);
    private final IntegerProperty maxThreads = new SimpleIntegerProperty(1);
    private final BooleanProperty pauseWhileSyncing = new SimpleBooleanProperty();
    private final ObjectProperty<Notice> miningNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final ObjectProperty<Notice> payoutNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final ObjectProperty<Double> scale = new SimpleObjectProperty<>(1.0);

    /** @param commands where calls into the node run: a background thread in the app, direct in unit tests */
    public SettingsViewModel(NodeServices node, FxDispatcher dispatcher, SettingsScreen.Host host, Executor commands) {
        this.node = node;
        this.dispatcher = dispatcher;
        this.host = host;
        this.commands = commands;
    }

    /** Shows the settings as they stand and reads the miner's cores (off the FX thread). */
    public void activate() {
        AppSettings s = host.current();
        trackers.setAll(s.trackers());
        peers.setAll(s.peers());
        pauseWhileSyncing.set(s.pauseMiningWhileSyncing());
        discover.set(s.discover() != null ? s.discover()
                : PeerOptions.discoversByDefault(ChainParams.forName(node.status().networkName())));
        hostTracker.set(s.hostTrackerPort() != AppSettings.NO_TRACKER);
        dark.set(s.dark());
        scale.set(s.uiScale());
        commands.execute(() -> {
            int cores = node.mining().maxThreads();
            dispatcher.post(FxDispatcher.key(this, "cores"), () -> {
                maxThreads.set(cores);
                threads.set(MiningDefaults.threads(host.current(), cores));
            });
        });
    }

    // ------------------------------------------------------------------ trackers

    /** Adds a tracker typed as host:port (a host alone gets port 7300); refused in words when it cannot be read. */
    public boolean addTracker(String typed) {
        NetworkAddress a;
        try {
            a = NetworkAddress.parse(typed, PeerOptions.DEFAULT_TRACKER_PORT);
        } catch (IllegalArgumentException e) {
            trackerNotice.set(Notice.problem("Tracker: " + e.getMessage()));
            return false;
        }
        String address = a.toString();
        if (trackers.contains(address)) {
            trackerNotice.set(Notice.problem("Tracker: " + address + " is in the list already."));
            return false;
        }
        trackers.add(address);
        host.save(host.current().withTrackers(List.copyOf(trackers)));
        trackerNotice.set(Notice.done("Added " + address + "." + NEXT_START));
        return true;
    }

    public void removeTracker(String address) {
        if (trackers.remove(address)) {
            host.save(host.current().withTrackers(List.copyOf(trackers)));
            trackerNotice.set(Notice.done("Removed " + address + "." + NEXT_START));
        }
    }

    /** Asks the tracker for peers in the background (up to twice the test's timeout) and says what happened. */
    public void testTracker(String address) {
        testingTracker.set(true);
        trackerNotice.set(Notice.working("Testing " + address + "…"));
        commands.execute(() -> {
            Notice outcome;
            try {
                TrackerTestResult r = node.peers().testTracker(address);
                outcome = r.reached() ? Notice.done(Formats.trackerTest(r)) : Notice.problem(Formats.trackerTest(r));
            } catch (IllegalArgumentException e) {
                outcome = Notice.problem("Tracker: " + e.getMessage());
            }
            Notice said = outcome;
            dispatcher.post(FxDispatcher.key(this, "tracker-test"), () -> {
                testingTracker.set(false);
                trackerNotice.set(said);
            });
        });
    }

    // ------------------------------------------------------------------ listen port

    /** The port as the field shows it: empty for the network's default. */
    public String portText() {
        int p = host.current().listenPort();
        return p == AppSettings.DEFAULT_PORT ? "" : Integer.toString(p);
    }

    /** Saves the listen port: empty for the network's default, 0 for any free port, else 1 to 65535. */
    public boolean applyListenPort(String typed) {
        Integer port = port(typed, AppSettings.DEFAULT_PORT, "Listen port", portNotice);
        if (port == null) {
            return false;
        }
        host.save(host.current().withListenPort(port));
        String what = port == AppSettings.DEFAULT_PORT ? "the network's usual port"
                : port == AppSettings.ANY_PORT ? "any free port" : "port " + port;
        portNotice.set(Notice.done("The node will listen on " + what + "." + NEXT_START));
        return true;
    }

    /**
     * A port typed into a field: {@code empty} for an empty field, 0 for any free port, else 1 to 65535; null (with the
     * problem in words on {@code notice}, starting with {@code what}) when it cannot be one.
     */
    private static Integer port(String typed, int empty, String what, ObjectProperty<Notice> notice) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty()) {
            return empty;
        }
        int port;
        try {
            port = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            notice.set(Notice.problem(what + ": '" + t + "' is not a number."));
            return null;
        }
        if (port < AppSettings.ANY_PORT || port > AppSettings.MAX_PORT) {
            notice.set(Notice.problem(what + ": " + port + " is outside 1 to " + AppSettings.MAX_PORT
                    + " (0 picks any free port)."));
            return null;
        }
        return port;
    }

    // ------------------------------------------------------------------ the local network

    /** Local network discovery on or off from the next start. */
    public void applyDiscover(boolean on) {
        host.save(host.current().withDiscover(on));
        discover.set(on);
        discoverNotice.set(Notice.done((on ? "The node will look for others on the local network and answer them."
                : "The node will not look for others on the local network.") + NEXT_START));
    }

    /** The hosted tracker's port as the field shows it: the usual port when none is hosted yet. */
    public String trackerPortText() {
        int p = host.current().hostTrackerPort();
        return Integer.toString(p == AppSettings.NO_TRACKER ? AppSettings.USUAL_TRACKER_PORT : p);
    }

    /**
     * Hosts a tracker on the typed port (empty: the usual 7300, 0: any free port) from the next start, or stops
     * hosting one; a port that cannot be one is refused in words and nothing is saved.
     */
    public boolean applyHostTracker(boolean on, String typed) {
        if (!on) {
            host.save(host.current().withHostTracker(AppSettings.NO_TRACKER));
            hostTracker.set(false);
            hostNotice.set(Notice.done("The wallet will host no tracker." + NEXT_START));
            return true;
        }
        Integer port = port(typed, AppSettings.USUAL_TRACKER_PORT, "Tracker port", hostNotice);
        if (port == null) {
            return false;
        }
        host.save(host.current().withHostTracker(port));
        hostTracker.set(true);
        String where = port == AppSettings.ANY_PORT ? "on any free port (the status bar will show which)"
                : "on port " + port + "; others find peers through it with this computer's address and " + port;
        hostNotice.set(Notice.done("The wallet will run a tracker " + where + "." + NEXT_START));
        return true;
    }

    // ------------------------------------------------------------------ fixed peers

    /**
     * Adds a peer to always connect to: dialled at once (when P2P is on) and kept in the settings for every start. A
     * typo is refused here; what the node refuses is said too, and the peer is then not kept.
     */
    public boolean addPeer(String typed) {
        String address = typed == null ? "" : typed.strip();
        try {
            // the port is checked here; a host alone gets the network's port from the node
            NetworkAddress.parse(address, AppSettings.MAX_PORT);
        } catch (IllegalArgumentException e) {
            peerNotice.set(Notice.problem("Peer: " + e.getMessage()));
            return false;
        }
        if (peers.contains(address)) {
            peerNotice.set(Notice.problem("Peer: " + address + " is in the list already."));
            return false;
        }
        peerNotice.set(Notice.working("Connecting to " + address + "…"));
        commands.execute(() -> {
            Notice outcome;
            boolean keep = true;
            try {
                node.peers().addPeer(address);
                outcome = Notice.done("Connecting to " + address + " now; it is kept for every start.");
            } catch (IllegalArgumentException e) {
                keep = false;
                outcome = Notice.problem("Peer: " + e.getMessage());
            } catch (IllegalStateException e) {
                outcome = Notice.done("Kept " + address + ": P2P is off now, so it is dialled at the next start.");
            }
            Notice said = outcome;
            boolean kept = keep;
            dispatcher.post(FxDispatcher.key(this, "peer-" + address), () -> {
                if (kept && !peers.contains(address)) {
                    peers.add(address);
                    host.save(host.current().withPeers(List.copyOf(peers)));
                }
                peerNotice.set(said);
            });
        });
        return true;
    }

    public void removePeer(String address) {
        if (peers.remove(address)) {
            host.save(host.current().withPeers(List.copyOf(peers)));
            peerNotice.set(Notice.done("Removed " + address + ": it stays connected until it leaves, and is not dialled"
                    + " again after the next start."));
        }
    }

    // ------------------------------------------------------------------ mining defaults

    /** Sets the miner's threads now (1 to the cores) and keeps them for the next start. */
    public void setThreads(int n) {
        int t = Math.max(1, Math.min(maxThreads.get(), n));
        threads.set(t);
        host.save(host.current().withMining(t, pauseWhileSyncing.get()));
        commands.execute(() -> node.mining().setThreads(t));
        miningNotice.set(Notice.done("Mining uses " + t + (t == 1 ? " thread" : " threads") + " from now on."));
    }

    public void setPauseWhileSyncing(boolean pause) {
        pauseWhileSyncing.set(pause);
        host.save(host.current().withMining(host.current().miningThreads(), pause));
        commands.execute(() -> node.mining().setPauseWhileSyncing(pause));
        miningNotice.set(Notice.done(pause ? "Mining now waits while the node catches up with its peers."
                : "Mining no longer waits for the node to catch up."));
    }

    /** The payout address as the field shows it: empty for the wallet's own mining address. */
    public String payoutText() {
        return host.current().payoutAddress();
    }

    /**
     * Checks the payout address (checksum, network), hands it to the miner, which pays it from its next block
     * template on, and keeps it for the next start; empty means the wallet's mining address.
     */
    public void applyPayout(String typed) {
        String address = typed == null ? "" : typed.strip();
        commands.execute(() -> {
            AddressCheck check = address.isEmpty() ? null : node.wallet().checkAddress(address);
            if (check != null && !check.valid()) {
                dispatcher.post(FxDispatcher.key(this, "payout"), () -> payoutNotice.set(
                        Notice.problem("Payout address: " + check.problem().orElse("not an address") + ".")));
                return;
            }
            node.mining().setPayoutAddress(address);
            dispatcher.post(FxDispatcher.key(this, "payout"), () -> {
                host.save(host.current().withPayoutAddress(address));
                payoutNotice.set(Notice.done(check == null
                        ? "Mined coins go to the wallet's mining address from the next block on."
                        : "Mined coins go to " + address + (check.mine() ? " (an address of this wallet)" : "")
                                + " from the next block on."));
            });
        });
    }

    // ------------------------------------------------------------------ appearance

    /** The theme or text size changed elsewhere (the rail): shows what the settings now hold. */
    public void lookChanged() {
        AppSettings s = host.current();
        dark.set(s.dark());
        scale.set(s.uiScale());
    }

    public void setDark(boolean on) {
        dark.set(on);
        host.applyTheme(on);
        host.save(host.current().withTheme(on ? AppSettings.DARK : AppSettings.LIGHT));
    }

    public void setScale(double s) {
        scale.set(s);
        host.applyScale(s);
        host.save(host.current().withUiScale(s));
    }

    /** The scales offered, with the current one among them even when the file holds another. */
    public List<Double> scales() {
        List<Double> out = new ArrayList<>(AppSettings.UI_SCALES);
        if (!out.contains(scale.get())) {
            out.add(scale.get());
            out.sort(Double::compare);
        }
        return out;
    }

    // ------------------------------------------------------------------ state for the controller

    public ObservableList<String> trackers() {
        return trackers;
    }

    public ObjectProperty<Notice> trackerNotice() {
        return trackerNotice;
    }

    public BooleanProperty testingTracker() {
        return testingTracker;
    }

    public ObjectProperty<Notice> portNotice() {
        return portNotice;
    }

    public BooleanProperty discover() {
        return discover;
    }

    public ObjectProperty<Notice> discoverNotice() {
        return discoverNotice;
    }

    public BooleanProperty hostTracker() {
        return hostTracker;
    }

    public ObjectProperty<Notice> hostNotice() {
        return hostNotice;
    }

    public ObservableList<String> peers() {
        return peers;
    }

    public ObjectProperty<Notice> peerNotice() {
        return peerNotice;
    }

    public IntegerProperty threads() {
        return threads;
    }

    public IntegerProperty maxThreads() {
        return maxThreads;
    }

    public BooleanProperty pauseWhileSyncing() {
        return pauseWhileSyncing;
    }

    public ObjectProperty<Notice> miningNotice() {
        return miningNotice;
    }

    public ObjectProperty<Notice> payoutNotice() {
        return payoutNotice;
    }

    public BooleanProperty dark() {
        return dark;
    }

    public ObjectProperty<Double> scale() {
        return scale;
    }
}
