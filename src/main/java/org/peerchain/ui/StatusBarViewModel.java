package org.peerchain.ui;

import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.peerchain.node.api.MiningSnapshot;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.PeerSnapshot;
import org.peerchain.node.api.PeerSource;
import org.peerchain.node.api.SyncState;
import org.peerchain.ui.fx.Background;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * What the status bar under every screen shows, as numbers: network, peers (and how each was found), height with sync
 * progress, and the miner's state and hash rate, so a user always sees that mining is on.
 */
public final class StatusBarViewModel {
    private final FxDispatcher dispatcher;
    private final ReadOnlyStringWrapper network = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper peers = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Map<PeerSource, Long>> peersBySource =
            new ReadOnlyObjectWrapper<>(new EnumMap<>(PeerSource.class));
    private final ReadOnlyBooleanWrapper p2pOn = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyIntegerWrapper height = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<SyncState> sync = new ReadOnlyObjectWrapper<>(new SyncState(0, 0, 0, -1, false));
    private final ReadOnlyBooleanWrapper mining = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper hashRate = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper miningPaused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Starting the node…");

    public StatusBarViewModel(FxDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Follows the node for the rest of the window's life (the status bar is always shown). */
    public void attach(NodeServices node) {
        node.subscribe(NodeEvent.TipChanged.class, e -> post("tip", () -> height.set(e.height())));
        node.subscribe(NodeEvent.Sync.class, e -> post("sync", () -> sync.set(e.state())));
        node.subscribe(NodeEvent.Peers.class, e -> post("peers", () -> showPeers(e.snapshot())));
        node.subscribe(NodeEvent.Mining.class, e -> post("mining", () -> showMining(e.snapshot())));
        node.subscribe(NodeEvent.Lifecycle.class, e -> post("message", () -> message.set(e.step().label())));
        Background.run(() -> readNow(node));
    }

    private void readNow(NodeServices node) {
        String net = node.status().networkName();
        int h = node.chain().height();
        SyncState s = node.status().sync();
        boolean p2p = node.peers().enabled();
        PeerSnapshot p = node.peers().snapshot();
        MiningSnapshot m = node.mining().snapshot();
        post("now", () -> {
            network.set(net);
            height.set(h);
            sync.set(s);
            p2pOn.set(p2p);
            showPeers(p);
            showMining(m);
            message.set("Ready");
        });
    }

    private void post(String name, Runnable update) {
        dispatcher.post(FxDispatcher.key(this, name), update);
    }

    private void showPeers(PeerSnapshot s) {
        Map<PeerSource, Long> by = new EnumMap<>(PeerSource.class);
        for (PeerSource src : PeerSource.values()) {
            by.put(src, s.count(src));
        }
        peers.set(s.peers().size());
        peersBySource.set(by);
    }

    private void showMining(MiningSnapshot m) {
        mining.set(m.running());
        hashRate.set(m.running() ? m.hashesPerSecond() : 0);
        miningPaused.set(m.pausedForSync());
    }

    /** A line for the left of the status bar (a notice, or the node's state). */
    public void showMessage(String text) {
        post("message", () -> message.set(text));
    }

    public ReadOnlyStringProperty networkProperty() {
        return network.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty peersProperty() {
        return peers.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Map<PeerSource, Long>> peersBySourceProperty() {
        return peersBySource.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty p2pOnProperty() {
        return p2pOn.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty heightProperty() {
        return height.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SyncState> syncProperty() {
        return sync.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty miningProperty() {
        return mining.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty hashRateProperty() {
        return hashRate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty miningPausedProperty() {
        return miningPaused.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
