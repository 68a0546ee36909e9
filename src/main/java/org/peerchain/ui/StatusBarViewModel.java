package org.peerchain.ui;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
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
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.node.api.WalletState;
import org.peerchain.ui.fx.Background;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * What the status bar under every screen shows, as numbers: network, peers (and how each was found), height with sync
 * progress, the miner's state and hash rate, so a user always sees that mining is on, and the wallet's lock with the
 * button that locks and unlocks it.
 */
public final class StatusBarViewModel {
    private final FxDispatcher dispatcher;
    private final ReadOnlyStringWrapper network = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper hostedTracker = new ReadOnlyIntegerWrapper(-1);
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
    private final ReadOnlyObjectWrapper<WalletState> wallet = new ReadOnlyObjectWrapper<>(WalletState.none());
    private volatile NodeServices node;

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
        node.subscribe(WalletEvent.Loaded.class, e -> post("wallet", () -> wallet.set(e.state())));
        node.subscribe(WalletEvent.LockChanged.class, e -> post("lock", () -> {
            WalletState w = wallet.get();
            wallet.set(new WalletState(true, true, e.locked(), e.unlockedUntil(), w.height(), w.scanning()));
        }));
        this.node = node;
        Background.run(() -> readNow(node));
    }

    private void readNow(NodeServices node) {
        String net = node.status().networkName();
        int tracker = node.status().hostedTrackerPort();
        int h = node.chain().height();
        SyncState s = node.status().sync();
        boolean p2p = node.peers().enabled();
        PeerSnapshot p = node.peers().snapshot();
        MiningSnapshot m = node.mining().snapshot();
        WalletState w = node.wallet().state();
        post("now", () -> {
            wallet.set(w);
            network.set(net);
            hostedTracker.set(tracker);
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

    /** Locks the wallet now (the status bar's lock button); what it did comes back as a message. */
    public void lockWallet() {
        NodeServices n = node;
        if (n == null) {
            return;
        }
        Background.run(() -> {
            try {
                n.wallet().lock();
                showMessage("Wallet locked: sending asks for its password");
            } catch (WalletServiceException e) {
                showMessage("Cannot lock the wallet: " + e.getMessage());
            }
        });
    }

    /**
     * Unlocks the wallet for {@code duration} with {@code password} (cleared here), off the FX thread; a wrong
     * password comes back to {@code wrongPassword} on the FX thread, in words, to ask again.
     */
    public void unlockWallet(char[] password, Duration duration, Consumer<String> wrongPassword) {
        NodeServices n = node;
        if (n == null) {
            java.util.Arrays.fill(password, '\0');
            return;
        }
        Background.run(() -> {
            try {
                n.wallet().unlock(password, duration);
                showMessage("Wallet unlocked: the lock button or the automatic lock locks it again");
            } catch (WalletServiceException e) {
                if (e.reason() == WalletServiceException.Reason.WRONG_PASSWORD) {
                    dispatcher.post(FxDispatcher.key(this, "wrong-password"), () -> wrongPassword.accept(e.getMessage()));
                } else {
                    showMessage("Cannot unlock the wallet: " + e.getMessage());
                }
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        });
    }

    /** A line for the left of the status bar (a notice, or the node's state). */
    public void showMessage(String text) {
        post("message", () -> message.set(text));
    }

    public ReadOnlyStringProperty networkProperty() {
        return network.getReadOnlyProperty();
    }

    /** The port of the tracker the wallet hosts, or -1. */
    public ReadOnlyIntegerProperty hostedTrackerProperty() {
        return hostedTracker.getReadOnlyProperty();
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

    /** The wallet as last heard: whether there is one open, and whether it is locked. */
    public ReadOnlyObjectProperty<WalletState> walletProperty() {
        return wallet.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
