package org.peerchain.ui.explorer;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.collections.ListChangeListener;
import org.peerchain.node.api.CoinScan;
import org.peerchain.ui.fx.Formats;

/**
 * An address's page: its unspent outputs, found by scanning the UTXO set (no address index is kept), with the
 * scan's progress and a Cancel button while it runs.
 */
final class AddressView {
    /** Outputs listed: a miner's address can hold many thousands. */
    static final int MAX_LISTED = 500;

    private final ExplorerViewModel model;
    private final ExplorerLinks links;
    private final Node view;

    AddressView(ExplorerViewModel model, ExplorerLinks links) {
        this.model = model;
        this.links = links;
        this.view = build();
    }

    /** The one address page, bound to the model: built once, shown for whichever address is open. */
    Node view() {
        return view;
    }

    private Node build() {
        VBox box = new VBox(10);
        Label title = new Label("Address");
        title.getStyleClass().add("detail-title");
        title.setId("addressTitle");
        ProgressBar progress = new ProgressBar();
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.scanProgressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelScanButton");
        cancel.setOnAction(e -> model.cancelScan());
        Button rescan = new Button("Scan again");
        rescan.setOnAction(e -> model.rescan());
        HBox.setHgrow(progress, javafx.scene.layout.Priority.ALWAYS);
        HBox scanRow = new HBox(8, progress, cancel);
        scanRow.visibleProperty().bind(model.scanningProperty());
        scanRow.managedProperty().bind(model.scanningProperty());
        rescan.visibleProperty().bind(model.scanningProperty().not());
        rescan.managedProperty().bind(rescan.visibleProperty());
        Label status = new Label();
        status.setWrapText(true);
        status.textProperty().bind(model.scanStatusProperty());
        status.getStyleClass().add("text-muted");
        Label summary = new Label();
        summary.setId("addressSummary");
        summary.textProperty().bind(Bindings.createStringBinding(() -> model.scanResultProperty().get()
                .map(r -> Formats.count(r.coins().size()) + " unspent output" + (r.coins().size() == 1 ? "" : "s")
                        + ", " + Formats.amount(r.totalAmount()) + " in all, at height " + Formats.count(r.height())
                        + " (" + Formats.count(r.coinsSearched()) + " outputs searched)")
                .orElse(""), model.scanResultProperty()));
        VBox coins = new VBox();
        model.coins().addListener((ListChangeListener<CoinScan.Coin>) c -> fill(coins));
        fill(coins);
        javafx.scene.control.TextField address = ExplorerLinks.selectable("");
        address.textProperty().bind(model.addressProperty());
        address.setPrefColumnCount(40);
        box.getChildren().addAll(title, address,
                ExplorerLinks.text("Its unspent outputs, found by reading the whole UTXO set: a large chain takes a while."),
                scanRow, status, summary, rescan, coins);
        return box;
    }

    private void fill(VBox coins) {
        coins.getChildren().clear();
        int listed = 0;
        for (CoinScan.Coin c : model.coins()) {
            if (listed++ == MAX_LISTED) {
                coins.getChildren().add(ExplorerLinks.text("… and " + Formats.count(model.coins().size() - MAX_LISTED)
                        + " more"));
                break;
            }
            FlowPane row = new FlowPane(12, 2);
            row.getStyleClass().add("io-row");
            row.getChildren().add(links.transactionAt(c.txid(), c.height(),
                    Formats.shortHash(c.txid().toHex()) + ":" + c.index()));
            row.getChildren().add(ExplorerLinks.text(Formats.amount(c.amount())));
            row.getChildren().add(ExplorerLinks.text("in block " + Formats.count(c.height())));
            coins.getChildren().add(row);
        }
    }
}
