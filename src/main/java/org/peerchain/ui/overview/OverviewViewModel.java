package org.peerchain.ui.overview;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.node.api.MiningSnapshot;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.SyncState;
import org.peerchain.node.api.WalletBalance;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.node.api.WalletState;
import org.peerchain.node.api.WalletTransactionRow;
import org.peerchain.ui.fx.Background;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The overview: the wallet's balances and latest transactions, the chain's tip, the network, sync, mining and the
 * mempool at a glance. Numbers only; the controller formats them. Subscribed only while the screen is shown.
 */
public final class OverviewViewModel {
    /** How many of the latest wallet transactions the overview lists. */
    static final int RECENT_TRANSACTIONS = 6;

    private final NodeServices node;
    private final FxDispatcher dispatcher;
    private final List<Subscription> subscriptions = new ArrayList<>();

    private final ReadOnlyStringWrapper network = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dataDir = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper height = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper bestBlock = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper blockTime = new ReadOnlyLongWrapper();
    private final ReadOnlyIntegerWrapper mempoolTransactions = new ReadOnlyIntegerWrapper();
    private final ReadOnlyLongWrapper mempoolBytes = new ReadOnlyLongWrapper();
    private final ReadOnlyIntegerWrapper peers = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper p2pOn = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyObjectWrapper<SyncState> sync = new ReadOnlyObjectWrapper<>(new SyncState(0, 0, 0, -1, false));
    private final ReadOnlyBooleanWrapper mining = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper hashRate = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper blocksFound = new ReadOnlyLongWrapper();
    private final ReadOnlyIntegerWrapper miningThreads = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<WalletState> wallet = new ReadOnlyObjectWrapper<>(WalletState.none());
    private final ReadOnlyObjectWrapper<WalletBalance> balance =
            new ReadOnlyObjectWrapper<>(new WalletBalance(0, 0, 0, List.of()));
    private final ObservableList<WalletTransactionRow> recent = FXCollections.observableArrayList();
    private final ObservableList<WalletTransactionRow> recentView = FXCollections.unmodifiableObservableList(recent);
    private final ReadOnlyStringWrapper walletProblem = new ReadOnlyStringWrapper("");

    public OverviewViewModel(NodeServices node, FxDispatcher dispatcher) {
        this.node = node;
        this.dispatcher = dispatcher;
    }

    /** Subscribes, then reads the state now, so nothing that happened in between is missed. */
    public void activate() {
        subscriptions.add(node.subscribe(NodeEvent.TipChanged.class,
                e -> post("tip", () -> showTip(e.height(), e.hash().toHex(), e.time()))));
        subscriptions.add(node.subscribe(NodeEvent.Mempool.class, e -> post("mempool", () -> {
            mempoolTransactions.set(e.transactions());
            mempoolBytes.set(e.bytes());
        })));
        subscriptions.add(node.subscribe(NodeEvent.Peers.class,
                e -> post("peers", () -> peers.set(e.snapshot().peers().size()))));
        subscriptions.add(node.subscribe(NodeEvent.Sync.class, e -> post("sync", () -> sync.set(e.state()))));
        subscriptions.add(node.subscribe(NodeEvent.Mining.class, e -> post("mining", () -> showMining(e.snapshot()))));
        // any change to the wallet: read its state, balance and latest rows again (coalesced, off the FX thread)
        subscriptions.add(node.subscribe(WalletEvent.class, e -> {
            if (!(e instanceof WalletEvent.RescanProgress p) || p.done()) {
                Background.run(this::readWallet);
            }
        }));

        Background.run(this::readNow);
        Background.run(this::readWallet);
    }

    /** The wallet now, read off the FX thread (it takes the wallet's lock briefly). */
    private void readWallet() {
        WalletState state = node.wallet().state();
        if (!state.exists() || !state.loaded()) {
            post("wallet", () -> showWallet(state, null, List.of(), ""));
            return;
        }
        try {
            WalletBalance b = node.wallet().balance();
            List<WalletTransactionRow> rows = node.wallet().history(0, RECENT_TRANSACTIONS);
            post("wallet", () -> showWallet(state, b, rows, ""));
        } catch (WalletServiceException e) {
            post("wallet", () -> showWallet(state, null, List.of(), e.getMessage()));
        }
    }

    private void showWallet(WalletState state, WalletBalance b, List<WalletTransactionRow> rows, String problem) {
        wallet.set(state);
        if (b != null) {
            balance.set(b);
        }
        if (!recent.equals(rows)) {
            recent.setAll(rows);
        }
        walletProblem.set(problem);
    }

    /** The state now, read off the FX thread (it touches the chain database). */
    private void readNow() {
        String net = node.status().networkName();
        String dir = node.status().dataDir().toString();
        BlockSummary tip = node.chain().tip();
        int peerCount = node.peers().snapshot().peers().size();
        boolean p2p = node.peers().enabled();
        SyncState s = node.status().sync();
        MiningSnapshot m = node.mining().snapshot();
        var pool = node.chain().mempool();
        post("now", () -> {
            network.set(net);
            dataDir.set(dir);
            showTip(tip.height(), tip.hash().toHex(), tip.time());
            peers.set(peerCount);
            p2pOn.set(p2p);
            sync.set(s);
            showMining(m);
            mempoolTransactions.set(pool.transactions());
            mempoolBytes.set(pool.bytes());
        });
    }

    public void deactivate() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    private void post(String name, Runnable update) {
        dispatcher.post(FxDispatcher.key(this, name), update);
    }

    private void showTip(int h, String hash, long time) {
        height.set(h);
        bestBlock.set(hash);
        blockTime.set(time);
    }

    private void showMining(MiningSnapshot m) {
        mining.set(m.running());
        hashRate.set(m.hashesPerSecond());
        blocksFound.set(m.blocksFound());
        miningThreads.set(m.threads());
    }

    public ReadOnlyObjectProperty<WalletState> walletProperty() {
        return wallet.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WalletBalance> balanceProperty() {
        return balance.getReadOnlyProperty();
    }

    /** The latest wallet transactions, newest first. */
    public ObservableList<WalletTransactionRow> recentTransactions() {
        return recentView;
    }

    /** Why the wallet could not be read, in words; empty when it could. */
    public ReadOnlyStringProperty walletProblemProperty() {
        return walletProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty networkProperty() {
        return network.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dataDirProperty() {
        return dataDir.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty heightProperty() {
        return height.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bestBlockProperty() {
        return bestBlock.getReadOnlyProperty();
    }

    /** Seconds since 1970. */
    public ReadOnlyLongProperty blockTimeProperty() {
        return blockTime.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty mempoolTransactionsProperty() {
        return mempoolTransactions.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty mempoolBytesProperty() {
        return mempoolBytes.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty peersProperty() {
        return peers.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty p2pOnProperty() {
        return p2pOn.getReadOnlyProperty();
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

    public ReadOnlyLongProperty blocksFoundProperty() {
        return blocksFound.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty miningThreadsProperty() {
        return miningThreads.getReadOnlyProperty();
    }
}
