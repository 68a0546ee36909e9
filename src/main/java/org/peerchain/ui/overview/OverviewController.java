package org.peerchain.ui.overview;

import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.peerchain.node.api.WalletBalance;
import org.peerchain.node.api.WalletState;
import org.peerchain.node.api.WalletTransactionRow;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenId;

/** Wiring only: the overview's labels bound to its view-model, its links to the other screens. */
public final class OverviewController {
    private final OverviewViewModel model;
    private final Navigator navigator;

    @FXML
    private Label heightLabel;
    @FXML
    private Label bestBlockLabel;
    @FXML
    private Label blockTimeLabel;
    @FXML
    private Label peersLabel;
    @FXML
    private Label syncLabel;
    @FXML
    private Label miningLabel;
    @FXML
    private Label miningDetailLabel;
    @FXML
    private Label mempoolLabel;
    @FXML
    private Label networkLabel;
    @FXML
    private Label dataDirLabel;

    @FXML
    private VBox walletCard;
    @FXML
    private Label lockLabel;
    @FXML
    private VBox balanceBox;
    @FXML
    private Label spendableLabel;
    @FXML
    private Label pendingLabel;
    @FXML
    private Label immatureLabel;
    @FXML
    private VBox recentBox;
    @FXML
    private VBox noWalletBox;
    @FXML
    private Label walletProblemLabel;

    private final Runnable onNeedWallet;

    OverviewController(OverviewViewModel model, Navigator navigator, Runnable onNeedWallet) {
        this.model = model;
        this.navigator = navigator;
        this.onNeedWallet = onNeedWallet;
    }

    @FXML
    private void initialize() {
        heightLabel.textProperty().bind(Bindings.createStringBinding(
                () -> model.heightProperty().get() < 0 ? "…" : Formats.count(model.heightProperty().get()),
                model.heightProperty()));
        bestBlockLabel.textProperty().bind(model.bestBlockProperty());
        blockTimeLabel.textProperty().bind(Bindings.createStringBinding(
                () -> model.blockTimeProperty().get() == 0 ? "" : Formats.dateTime(model.blockTimeProperty().get()),
                model.blockTimeProperty()));
        peersLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Formats.count(model.peersProperty().get()), model.peersProperty()));
        syncLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Formats.syncLine(model.syncProperty().get(), model.peersProperty().get(), model.p2pOnProperty().get()),
                model.syncProperty(), model.peersProperty(), model.p2pOnProperty()));
        miningLabel.textProperty().bind(Bindings.createStringBinding(
                () -> model.miningProperty().get() ? Formats.hashRate(model.hashRateProperty().get()) : "Not mining",
                model.miningProperty(), model.hashRateProperty()));
        miningDetailLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            long found = model.blocksFoundProperty().get();
            String blocks = Formats.count(found) + (found == 1 ? " block found" : " blocks found");
            if (!model.miningProperty().get()) {
                return blocks;
            }
            int t = model.miningThreadsProperty().get();
            return "on " + t + (t == 1 ? " thread, " : " threads, ") + blocks;
        }, model.miningProperty(), model.blocksFoundProperty(), model.miningThreadsProperty()));
        mempoolLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = model.mempoolTransactionsProperty().get();
            return Formats.count(n) + (n == 1 ? " transaction, " : " transactions, ")
                    + Formats.bytes(model.mempoolBytesProperty().get());
        }, model.mempoolTransactionsProperty(), model.mempoolBytesProperty()));
        networkLabel.textProperty().bind(model.networkProperty());
        dataDirLabel.textProperty().bind(model.dataDirProperty());
        bindWallet();
    }

    private void bindWallet() {
        BooleanBinding hasWallet = Bindings.createBooleanBinding(
                () -> model.walletProperty().get().exists() && model.walletProperty().get().loaded(),
                model.walletProperty());
        balanceBox.visibleProperty().bind(hasWallet);
        balanceBox.managedProperty().bind(hasWallet);
        noWalletBox.visibleProperty().bind(hasWallet.not());
        noWalletBox.managedProperty().bind(hasWallet.not());
        lockLabel.visibleProperty().bind(hasWallet);
        lockLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            WalletState w = model.walletProperty().get();
            return w.locked() ? "Locked" : "Unlocked until " + Formats.timeOfDay(w.unlockedUntil() * 1000);
        }, model.walletProperty()));
        lockLabel.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(model.walletProperty().get().locked() ? "mdi2l-lock" : "mdi2l-lock-open-variant"),
                model.walletProperty()));
        spendableLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Formats.amount(model.balanceProperty().get().spendable()), model.balanceProperty()));
        pendingLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            long p = model.balanceProperty().get().pending();
            return p == 0 ? "Nothing pending" : Formats.amount(p) + " pending: not yet in a block";
        }, model.balanceProperty()));
        immatureLabel.textProperty().bind(Bindings.createStringBinding(() -> immatureText(
                model.balanceProperty().get(), model.heightProperty().get()), model.balanceProperty(),
                model.heightProperty()));
        walletProblemLabel.textProperty().bind(model.walletProblemProperty());
        walletProblemLabel.visibleProperty().bind(model.walletProblemProperty().isNotEmpty());
        walletProblemLabel.managedProperty().bind(walletProblemLabel.visibleProperty());
        model.recentTransactions().addListener((ListChangeListener<WalletTransactionRow>) c -> showRecent());
        model.heightProperty().addListener((o, was, now) -> showRecent());
        showRecent();
    }

    /** "150.00 PCH mined, not yet spendable: 50.00 PCH becomes spendable at height 100 (in 97 blocks)". */
    static String immatureText(WalletBalance b, int tipHeight) {
        if (b.immature() == 0) {
            return "No mined coins waiting to mature";
        }
        WalletBalance.Maturing next = b.maturing().get(0);
        int left = next.height() - tipHeight;
        return Formats.amount(b.immature()) + " mined, not yet spendable: " + Formats.amount(next.amount())
                + " becomes spendable at height " + Formats.count(next.height())
                + (left > 0 ? " (in " + Formats.count(left) + (left == 1 ? " block)" : " blocks)") : "");
    }

    private void showRecent() {
        recentBox.getChildren().clear();
        if (model.recentTransactions().isEmpty()) {
            Label empty = new Label("No transactions yet: receive coins, or start mining to earn some.");
            empty.getStyleClass().add("text-muted");
            empty.setWrapText(true);
            recentBox.getChildren().add(empty);
            return;
        }
        int tip = model.heightProperty().get();
        for (WalletTransactionRow row : model.recentTransactions()) {
            Label when = new Label(Formats.dateTime(row.time()));
            when.getStyleClass().add("text-muted");
            when.setMinWidth(Region.USE_PREF_SIZE);
            Label what = new Label(row.label().isEmpty() ? Formats.walletTxState(row, tip)
                    : row.label() + " \u00b7 " + Formats.walletTxState(row, tip));
            what.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(what, Priority.ALWAYS);
            Label amount = new Label(Formats.signedAmount(row.amount()));
            amount.getStyleClass().addAll("mono", row.amount() >= 0 ? "amount-in" : "amount-out");
            amount.setMinWidth(Region.USE_PREF_SIZE);
            HBox line = new HBox(12, when, what, amount);
            line.getStyleClass().add("recent-row");
            line.setOnMouseClicked(e -> navigator.explore(row.txid().toHex()));
            Tooltip.install(line, new Tooltip("Open " + Formats.shortHash(row.txid().toHex()) + " in the explorer"));
            recentBox.getChildren().add(line);
        }
    }

    @FXML
    private void openSend() {
        navigator.open(ScreenId.SEND);
    }

    @FXML
    private void openReceive() {
        navigator.open(ScreenId.RECEIVE);
    }

    @FXML
    private void openTransactions() {
        navigator.open(ScreenId.TRANSACTIONS);
    }

    @FXML
    private void needWallet() {
        onNeedWallet.run();
    }

    @FXML
    private void openMining() {
        navigator.open(ScreenId.MINING);
    }

    @FXML
    private void openPeers() {
        navigator.open(ScreenId.PEERS);
    }

    @FXML
    private void openTip() {
        navigator.explore(model.bestBlockProperty().get());
    }
}
