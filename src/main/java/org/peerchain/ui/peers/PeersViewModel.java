package org.peerchain.ui.peers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peerchain.node.api.BanInfo;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.PeerService;
import org.peerchain.node.api.PeerSnapshot;
import org.peerchain.node.api.PeerSource;
import org.peerchain.node.api.TrafficSample;
import org.peerchain.node.api.PeerStats;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.TrackerInfo;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.ShownGate;

/**
 * The Peers screen's state: the connected peers (rows updated in place), the ban list, the trackers, the traffic
 * graph's points, and the commands a user gives (disconnect, ban, unban, add a peer). Node events arrive on node
 * threads and go through the dispatcher; commands run on the background executor and report back the same way.
 */
public final class PeersViewModel {
    static final String NO_PEERS = "No peers connected. PeerChain is looking for peers...";
    static final String P2P_OFF = "Peer-to-peer networking is off: this node was started without a P2P port.";
    static final String NO_BANS = "No bans";
    static final String NO_TRACKERS = "No trackers in use: peers come from the address book and peers added by hand.";
    /** The reason a ban by hand is given when the user writes none. */
    static final String DEFAULT_BAN_REASON = "banned by hand";

    private final NodeServices node;
    private final PeerService peerService;
    private final FxDispatcher dispatcher;
    private final Executor commands;
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Lets peer snapshots through only while the screen is shown. */
    private final ShownGate shown;

    private final ObservableList<PeerRow> peers = FXCollections.observableArrayList();
    private final Map<Long, PeerRow> rowsById = new HashMap<>();
    private final ObservableList<BanInfo> bans = FXCollections.observableArrayList();
    private final ObservableList<TrackerInfo> trackers = FXCollections.observableArrayList();
    private final ObservableList<TrafficSample> traffic = FXCollections.observableArrayList();
    private final LongProperty nowMillis = new SimpleLongProperty(System.currentTimeMillis());
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final StringProperty emptyPeersText = new SimpleStringProperty(NO_PEERS);
    private final StringProperty message = new SimpleStringProperty("");
    /** The address last added by hand, until its connection shows in the table (FX thread). */
    private String connectingTo;
    private final BooleanProperty messageIsError = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();

    private final ObjectProperty<PeerRow> selectedPeer = new SimpleObjectProperty<>();
    private final ObjectProperty<BanInfo> selectedBan = new SimpleObjectProperty<>();
    private final ObjectProperty<BanDuration> banDuration = new SimpleObjectProperty<>(BanDuration.DAY);
    private final StringProperty banReason = new SimpleStringProperty("");
    private final StringProperty addPeerText = new SimpleStringProperty("");
    private final StringProperty addPeerError = new SimpleStringProperty("");

    /**
     * @param commands where commands and the first load run: a named daemon thread in the app, direct in unit tests
     */
    public PeersViewModel(NodeServices node, FxDispatcher dispatcher, Executor commands) {
        this.node = node;
        this.peerService = node.peers();
        this.dispatcher = dispatcher;
        this.shown = new ShownGate(dispatcher, this);
        this.commands = commands;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Subscribes to the node's peer events and loads the current state in the background. */
    public void activate() {
        shown.open();
        subscriptions.add(node.subscribe(NodeEvent.Peers.class, e -> shown.post("peers", () -> apply(e.snapshot()))));
        subscriptions.add(node.subscribe(NodeEvent.BansChanged.class,
                e -> dispatcher.post(FxDispatcher.key(this, "bans"), () -> applyBans(e.bans()))));
        commands.execute(() -> {
            boolean on = peerService.enabled();
            PeerSnapshot s = peerService.snapshot();
            List<BanInfo> b = peerService.bans();
            List<TrafficSample> past = peerService.traffic();
            dispatcher.post(FxDispatcher.key(this, "enabled"), () -> applyEnabled(on));
            shown.post("traffic", () -> applyTraffic(past));
            shown.post("peers", () -> apply(s));
            dispatcher.post(FxDispatcher.key(this, "bans"), () -> applyBans(b));
        });
    }

    /**
     * Unsubscribes; the graph catches up from the node's history when the screen is shown again. Peer snapshots still
     * on their way are dropped (the dispatcher sends in batches): a hidden table is not filled.
     */
    public void deactivate() {
        shown.close();
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    // ------------------------------------------------------------------ state from the node (FX thread)

    private void applyEnabled(boolean on) {
        enabled.set(on);
        emptyPeersText.set(on ? NO_PEERS : P2P_OFF);
    }

    /** Updates rows in place, adds new connections, removes closed ones; adds a traffic point. */
    void apply(PeerSnapshot s) {
        nowMillis.set(s.timeMillis());
        Set<Long> present = new HashSet<>();
        for (PeerStats p : s.peers()) {
            present.add(p.id());
            PeerRow row = rowsById.get(p.id());
            if (row == null) {
                row = new PeerRow(p, s.timeMillis());
                rowsById.put(p.id(), row);
                peers.add(row);
                if (connectingTo != null && !p.inbound() && p.source() == PeerSource.MANUAL) {
                    // the line said "Connecting to ..." until now: the peer is in the table
                    connectingTo = null;
                    say("Connected to " + p.address() + " (dialled again if it drops)", false);
                }
            } else {
                row.update(p, s.timeMillis());
            }
        }
        if (rowsById.keySet().retainAll(present)) {
            peers.removeIf(r -> !present.contains(r.id()));
        }
        if (!trackers.equals(s.trackers())) {
            trackers.setAll(s.trackers());
        }
        if (s.traffic() != null) {
            addTraffic(s.traffic());
        }
    }

    /** The node's traffic history, read at activation: replaces the graph's points (the node kept them meanwhile). */
    void applyTraffic(List<TrafficSample> past) {
        long last = past.isEmpty() ? Long.MIN_VALUE : past.get(past.size() - 1).timeMillis();
        List<TrafficSample> merged = new ArrayList<>(past);
        for (TrafficSample t : traffic) {
            if (t.timeMillis() > last) {
                merged.add(t);
            }
        }
        traffic.setAll(merged);
    }

    private void addTraffic(TrafficSample p) {
        if (!traffic.isEmpty() && traffic.get(traffic.size() - 1).timeMillis() >= p.timeMillis()) {
            return;
        }
        traffic.add(p);
        long oldest = p.timeMillis() - PeerService.TRAFFIC_WINDOW_MILLIS;
        int old = 0;
        while (old < traffic.size() && traffic.get(old).timeMillis() < oldest) {
            old++;
        }
        if (old > 0) {
            traffic.remove(0, old);
        }
    }

    void applyBans(List<BanInfo> list) {
        if (!bans.equals(list)) {
            bans.setAll(list);
        }
    }

    // ------------------------------------------------------------------ commands

    /** Disconnects the selected peer. */
    public void disconnectSelected() {
        PeerRow row = selectedPeer.get();
        if (row == null) {
            return;
        }
        run(() -> peerService.disconnect(row.id()) ? "Disconnected " + row.address()
                : row.address() + " had already disconnected");
    }

    /** Bans the selected peer's address for the chosen time, with the reason written or {@value #DEFAULT_BAN_REASON}. */
    public void banSelected() {
        PeerRow row = selectedPeer.get();
        BanDuration d = banDuration.get();
        if (row == null || d == null) {
            return;
        }
        String written = banReason.get() == null ? "" : banReason.get().strip();
        String reason = written.isEmpty() ? DEFAULT_BAN_REASON : written;
        run(() -> {
            peerService.ban(row.host(), d.duration(), reason);
            List<BanInfo> now = peerService.bans();
            dispatcher.post(FxDispatcher.key(this, "bans"), () -> applyBans(now));
            return "Banned " + row.host() + " for " + d;
        });
    }

    /** Lifts the selected ban. */
    public void unbanSelected() {
        BanInfo ban = selectedBan.get();
        if (ban == null) {
            return;
        }
        run(() -> {
            boolean was = peerService.unban(ban.address());
            List<BanInfo> now = peerService.bans();
            dispatcher.post(FxDispatcher.key(this, "bans"), () -> applyBans(now));
            return was ? "Lifted the ban on " + ban.address() : ban.address() + " was no longer banned";
        });
    }

    /** Dials the address in the add-peer field; a bad address is said under the field. */
    public void addPeer() {
        String text = addPeerText.get() == null ? "" : addPeerText.get().strip();
        if (text.isEmpty()) {
            addPeerError.set("Write an address as host:port, or a host alone for the network's port.");
            return;
        }
        addPeerError.set("");
        busy.set(true);
        commands.execute(() -> {
            String error = "";
            try {
                peerService.addPeer(text);
            } catch (IllegalArgumentException e) {
                error = "Not a peer address: " + e.getMessage();
            } catch (RuntimeException e) {
                error = "Cannot add " + text + ": " + e.getMessage();
            }
            String failure = error;
            dispatcher.post(FxDispatcher.key(this, "add-peer"), () -> {
                busy.set(false);
                addPeerError.set(failure);
                if (failure.isEmpty()) {
                    addPeerText.set("");
                    connectingTo = text;
                    say("Connecting to " + text + " (dialled again if it drops)", false);
                }
            });
        });
    }

    /** Runs {@code command} in the background and says its outcome, or its failure with the reason. */
    private void run(Supplier<String> command) {
        busy.set(true);
        commands.execute(() -> {
            String text;
            boolean error;
            try {
                text = command.get();
                error = false;
            } catch (RuntimeException e) {
                text = "Failed: " + e.getMessage();
                error = true;
            }
            String said = text;
            boolean bad = error;
            dispatcher.post(FxDispatcher.key(this, "command"), () -> {
                busy.set(false);
                say(said, bad);
            });
        });
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<PeerRow> peers() {
        return peers;
    }

    public ObservableList<BanInfo> bans() {
        return bans;
    }

    public ObservableList<TrackerInfo> trackers() {
        return trackers;
    }

    /** The traffic graph's points, oldest first, over the last ten minutes. */
    public ObservableList<TrafficSample> traffic() {
        return traffic;
    }

    /** The time of the latest snapshot: what "connected for" and "ago" are counted from. */
    public ReadOnlyLongProperty nowMillisProperty() {
        return nowMillis;
    }

    public ReadOnlyBooleanProperty enabledProperty() {
        return enabled;
    }

    public ReadOnlyStringProperty emptyPeersTextProperty() {
        return emptyPeersText;
    }

    public String emptyBansText() {
        return NO_BANS;
    }

    public String emptyTrackersText() {
        return NO_TRACKERS;
    }

    /** The outcome of the last command, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError;
    }

    /** A command is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<PeerRow> selectedPeerProperty() {
        return selectedPeer;
    }

    public ObjectProperty<BanInfo> selectedBanProperty() {
        return selectedBan;
    }

    public ObjectProperty<BanDuration> banDurationProperty() {
        return banDuration;
    }

    public StringProperty banReasonProperty() {
        return banReason;
    }

    public StringProperty addPeerTextProperty() {
        return addPeerText;
    }

    public ReadOnlyStringProperty addPeerErrorProperty() {
        return addPeerError;
    }
}
