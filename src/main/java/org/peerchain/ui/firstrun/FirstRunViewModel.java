package org.peerchain.ui.firstrun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.DataDirectory;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.TrackerTestResult;
import org.peerchain.node.api.NodeStatus;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.SyncState;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The first run's welcome: which page shows (the three choices, create, restore), the node's sync in one live line,
 * and under "Advanced" the network and data directory the node runs on, which the user may change (the node then
 * restarts there: {@link FirstRunScreen.Outcome#relocate}).
 */
public final class FirstRunViewModel {
    /** The networks a node can run on, as NodeConfig names them. */
    public static final List<String> NETWORKS = List.of(ChainParams.MAIN.name(), ChainParams.TEST.name(),
            ChainParams.REGTEST.name());

    public enum Page { WELCOME, CREATE, RESTORE }

    /**
     * How long the welcome waits for a peer (local network discovery finds one on the same network within seconds)
     * before it asks for a tracker's or a peer's address.
     */
    public static final Duration JOIN_AFTER = Duration.ofSeconds(10);

    private final NodeServices node;
    private final FxDispatcher dispatcher;
    private final Executor commands;
    private final FirstRunScreen.Outcome outcome;
    private final List<Subscription> subscriptions = new ArrayList<>();

    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.WELCOME);
    private final ReadOnlyStringWrapper syncText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper currentPlace = new ReadOnlyStringWrapper("");
    private final ObjectProperty<String> network = new SimpleObjectProperty<>("");
    private final StringProperty dataDir = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper placeProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper placeChanged = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper relocating = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper joinOffered = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper joining = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper joinNotice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hostChosen = new ReadOnlyBooleanWrapper();
    /** When the welcome began to wait for peers; the offer to join by hand comes after {@link #JOIN_AFTER}. */
    private long watchingSince;

    private String runningNetwork = "";
    private Path runningDataDir;

    /** @param commands where the node and the disk are asked: a background thread in the app, direct in unit tests */
    public FirstRunViewModel(NodeServices node, FxDispatcher dispatcher, Executor commands,
            FirstRunScreen.Outcome outcome) {
        this.node = node;
        this.dispatcher = dispatcher;
        this.commands = commands;
        this.outcome = outcome;
        network.addListener((obs, old, now) -> networkChosen(now));
        dataDir.addListener((obs, old, now) -> placeEdited());
    }

    private FxDispatcher.Key key(String name) {
        return FxDispatcher.key(this, name);
    }

    /** Follows the node's sync and reads where it runs, off the FX thread. */
    public void activate() {
        subscriptions.add(node.subscribe(NodeEvent.Sync.class,
                e -> dispatcher.post(key("sync"), () -> showSync(e.state()))));
        watchingSince = System.nanoTime();
        subscriptions.add(node.subscribe(NodeEvent.Peers.class,
                e -> dispatcher.post(key("peers"), () -> peersSeen(e.snapshot().peers().size()))));
        commands.execute(() -> {
            NodeStatus status = node.status();
            String net = status.networkName();
            Path dir = status.dataDir();
            SyncState sync = status.sync();
            dispatcher.post(key("status"), () -> {
                runningNetwork = net;
                runningDataDir = dir.toAbsolutePath().normalize();
                currentPlace.set("The node runs on the " + net + " network, with its files in " + runningDataDir + ".");
                network.set(net);
                dataDir.set(runningDataDir.toString());
                showSync(sync);
            });
        });
    }

    public void deactivate() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    void showSync(SyncState s) {
        if (s.syncing() && s.targetHeight() > s.height()) {
            syncText.set("Your node is syncing: " + Formats.count(s.height()) + " of " + Formats.count(s.targetHeight())
                    + " blocks. It carries on while you set up your wallet.");
        } else {
            syncText.set("Your node is at block " + Formats.count(s.height())
                    + " and keeps following the network while you set up your wallet.");
        }
    }

    // ------------------------------------------------------------------ joining the network

    /** Nobody has answered for {@link #JOIN_AFTER}: offer to join by a tracker's or a peer's address. */
    void peersSeen(int peers) {
        if (peers > 0) {
            joinOffered.set(false);
        } else if (System.nanoTime() - watchingSince >= JOIN_AFTER.toNanos()) {
            joinOffered.set(true);
        }
    }

    /**
     * Joins through the address typed: a tracker when one answers there (announced to from now on and kept for the
     * next starts), else a peer to dial. Says what happened, or what is wrong with the address.
     */
    public void join(String typed) {
        String address = typed == null ? "" : typed.strip();
        if (address.isEmpty()) {
            joinNotice.set("Type the address of a tracker or of a node, such as 192.0.2.1:7300.");
            return;
        }
        joining.set(true);
        joinNotice.set("Asking " + address + "…");
        commands.execute(() -> {
            String said;
            boolean tracker = false;
            try {
                TrackerTestResult r = node.peers().testTracker(address);
                if (r.reached()) {
                    node.peers().joinTracker(address);
                    tracker = true;
                    String known = r.peers() == 0
                            ? "it knows no other node yet; yours is registered there now, so others will find it."
                            : "it knows " + Formats.count(r.peers()) + (r.peers() == 1 ? " node" : " nodes")
                                    + ", which your node now dials.";
                    said = "Joined through the tracker at " + r.tracker() + ": " + known
                            + " It is kept for the next starts (Settings, Trackers).";
                } else {
                    node.peers().addPeer(address);
                    said = "No tracker answers at " + r.tracker() + ": it is dialled as a node instead. "
                            + Formats.trackerTest(r);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                said = e.getMessage();
            }
            String notice = said;
            boolean keep = tracker;
            dispatcher.post(key("join"), () -> {
                joining.set(false);
                joinNotice.set(notice);
                if (keep) {
                    outcome.trackerJoined(address);
                }
            });
        });
    }

    /** Hosts a tracker in this wallet from its next start, so that others can join through this computer. */
    public void hostTracker() {
        outcome.hostTracker();
        hostChosen.set(true);
        joinNotice.set("From the next start this wallet runs a tracker on port 7300: others join by typing this"
                + " computer's address and 7300. The status bar says when it runs.");
    }

    public ReadOnlyBooleanProperty joinOfferedProperty() {
        return joinOffered.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty joiningProperty() {
        return joining.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty joinNoticeProperty() {
        return joinNotice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hostChosenProperty() {
        return hostChosen.getReadOnlyProperty();
    }

    // ------------------------------------------------------------------ pages

    public void openCreate() {
        page.set(Page.CREATE);
    }

    public void openRestore() {
        page.set(Page.RESTORE);
    }

    public void openWelcome() {
        page.set(Page.WELCOME);
    }

    public void browseWithoutWallet() {
        outcome.browseWithoutWallet();
    }

    // ------------------------------------------------------------------ network and data directory

    private void networkChosen(String net) {
        if (net == null || runningDataDir == null) {
            return;
        }
        // One directory per network: another network gets its own default, never the running one's files.
        dataDir.set(net.equals(runningNetwork) ? runningDataDir.toString() : DataDirectory.defaultFor(net).toString());
        placeEdited();
    }

    private void placeEdited() {
        placeProblem.set("");
        placeChanged.set(runningDataDir != null && (!runningNetwork.equals(network.get())
                || !dataDir.get().strip().equals(runningDataDir.toString())));
    }

    /** Checks the chosen directory (off the FX thread) and, when it can be used, hands the choice to the lead. */
    public void relocate() {
        if (!placeChanged.get() || relocating.get()) {
            return;
        }
        String net = network.get();
        if (!NETWORKS.contains(net)) {
            placeProblem.set("Choose a network: " + String.join(", ", NETWORKS) + ".");
            return;
        }
        String typed = dataDir.get();
        relocating.set(true);
        commands.execute(() -> {
            DataDirectoryCheck.Result r = DataDirectoryCheck.check(typed);
            dispatcher.post(key("relocate"), () -> {
                relocating.set(false);
                if (r.dir().isEmpty()) {
                    placeProblem.set(r.problem());
                } else if (r.dir().get().equals(runningDataDir) && !net.equals(runningNetwork)) {
                    placeProblem.set("The " + runningNetwork + " network's files are in " + runningDataDir
                            + ": choose another directory for the " + net + " network.");
                } else {
                    outcome.relocate(net, r.dir().get());
                }
            });
        });
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** "Your node is syncing: 1,234 of 10,000 blocks. ..." */
    public ReadOnlyStringProperty syncTextProperty() {
        return syncText.getReadOnlyProperty();
    }

    /** Where the node runs now, in words. */
    public ReadOnlyStringProperty currentPlaceProperty() {
        return currentPlace.getReadOnlyProperty();
    }

    public ObjectProperty<String> networkProperty() {
        return network;
    }

    public StringProperty dataDirProperty() {
        return dataDir;
    }

    /** Why the chosen place cannot be used; empty otherwise. */
    public ReadOnlyStringProperty placeProblemProperty() {
        return placeProblem.getReadOnlyProperty();
    }

    /** The chosen network or directory differs from where the node runs. */
    public ReadOnlyBooleanProperty placeChangedProperty() {
        return placeChanged.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty relocatingProperty() {
        return relocating.getReadOnlyProperty();
    }
}
