package org.peerchain.ui.explorer;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.peerchain.node.api.TxDetail;
import org.peerchain.ui.fx.Formats;

/**
 * A transaction's page: where it is (its block and confirmations, or the mempool), its fee and fee rate, its inputs
 * with the outputs they spend and its outputs, spent or not.
 */
final class TransactionView {
    private final ExplorerLinks links;

    TransactionView(ExplorerLinks links) {
        this.links = links;
    }

    Node build(TxDetail tx, long nowMillis) {
        VBox box = new VBox(10);
        Label title = new Label(tx.coinbase() ? "Coinbase transaction" : "Transaction");
        title.getStyleClass().add("detail-title");
        title.setId("transactionTitle");
        ExplorerLinks.Facts facts = new ExplorerLinks.Facts().add("Transaction id", ExplorerLinks.selectable(tx.txid().toHex()));
        if (tx.inMempool()) {
            facts.add("Status", "In the mempool, waiting to be mined")
                    .add("Received", Formats.dateTime(tx.time()) + "  (" + Formats.ago(tx.time() * 1000, nowMillis) + ")");
        } else {
            facts.add("Status", tx.confirmations() > 0 ? Formats.count(tx.confirmations()) + " confirmations"
                    : "In a block on a stale branch: not confirmed on the active chain");
            tx.blockHash().ifPresent(b -> facts.add("Block",
                    links.block(b, "Block " + Formats.count(tx.blockHeight()) + "  " + Formats.shortHash(b.toHex()))));
            facts.add("Time", Formats.dateTime(tx.blockTime()));
        }
        facts.add("Size", Formats.bytes(tx.sizeBytes()))
                .add("Total out", Formats.amount(tx.totalOutput()));
        if (!tx.coinbase()) {
            facts.add("Fee", tx.fee() < 0 ? "not known (the outputs it spends are not stored)"
                    : Formats.amount(tx.fee()) + "  (" + Formats.feeRate(tx.feeRatePerByte()) + ")");
        }
        box.getChildren().addAll(title, facts.grid(), section("Inputs (" + tx.inputs().size() + ")"));
        for (TxDetail.Input in : tx.inputs()) {
            box.getChildren().add(inputRow(in));
        }
        box.getChildren().add(section("Outputs (" + tx.outputs().size() + ")"));
        for (TxDetail.Output out : tx.outputs()) {
            box.getChildren().add(outputRow(out));
        }
        TitledPane raw = new TitledPane("Raw transaction (hex)",
                ExplorerLinks.text(java.util.HexFormat.of().formatHex(tx.transaction().serialize())));
        raw.setExpanded(false);
        box.getChildren().add(raw);
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private Node inputRow(TxDetail.Input in) {
        FlowPane row = new FlowPane(12, 2);
        row.getStyleClass().add("io-row");
        if (in.prevTxid().isEmpty()) {
            row.getChildren().add(ExplorerLinks.text("New coins: the block's subsidy and its transactions' fees"));
            return row;
        }
        String spent = Formats.shortHash(in.prevTxid().get().toHex()) + ":" + in.prevIndex();
        row.getChildren().add(links.transactionAt(in.prevTxid().get(), in.prevHeight(), spent));
        row.getChildren().add(links.address(in.address()));
        row.getChildren().add(ExplorerLinks.text(in.amount() < 0 ? "amount not known" : Formats.amount(in.amount())));
        return row;
    }

    private Node outputRow(TxDetail.Output out) {
        FlowPane row = new FlowPane(12, 2);
        row.getStyleClass().add("io-row");
        row.getChildren().add(ExplorerLinks.text("#" + out.index()));
        row.getChildren().add(links.address(out.address()));
        row.getChildren().add(ExplorerLinks.text(Formats.amount(out.amount())));
        Label state = new Label(out.spent().map(s -> s ? "Spent" : "Unspent").orElse("Spent or not: cannot be told here"));
        state.getStyleClass().add(out.spent().orElse(true) ? "spent" : "unspent");
        row.getChildren().add(state);
        return row;
    }
}
