package org.peerchain.ui.overview;

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

    OverviewController(OverviewViewModel model, Navigator navigator) {
        this.model = model;
        this.navigator = navigator;
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
