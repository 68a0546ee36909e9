package org.peerchain.ui.explorer;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.peerchain.node.api.BlockDetail;
import org.peerchain.node.api.BlockHeaderInfo;
import org.peerchain.node.api.TxDetail;
import org.peerchain.ui.fx.Formats;

/** A block's page: header fields, reward and fees, the miner, links to its neighbours, and its transactions. */
final class BlockView {
    /** Transactions listed before "show all": a full block holds thousands. */
    static final int FIRST_TRANSACTIONS = 100;

    private final ExplorerLinks links;

    BlockView(ExplorerLinks links) {
        this.links = links;
    }

    Node build(BlockDetail d, long nowMillis) {
        BlockHeaderInfo h = d.header();
        VBox box = new VBox(10);
        Label title = new Label("Block " + Formats.count(h.height()));
        title.getStyleClass().add("detail-title");
        title.setId("blockTitle");
        HBox neighbours = new HBox(12);
        h.previous().ifPresent(p -> neighbours.getChildren().add(links.block(p, "‹ Previous block")));
        h.next().ifPresent(n -> neighbours.getChildren().add(links.block(n, "Next block ›")));

        ExplorerLinks.Facts facts = new ExplorerLinks.Facts()
                .add("Hash", ExplorerLinks.selectable(h.hash().toHex()))
                .add("Confirmations", h.active() ? Formats.count(h.confirmations())
                        : "None: this block is on a stale branch, not the active chain")
                .add("Time", Formats.dateTime(h.time()) + "  (" + Formats.ago(h.time() * 1000, nowMillis) + ")")
                .add("Transactions", Formats.count(d.transactions().size()))
                .add("Size", Formats.bytes(h.sizeBytes()))
                .add("Subsidy", Formats.amount(d.subsidy()))
                .add("Fees", d.fees() < 0 ? "not known (the outputs spent are not stored for a stale block)"
                        : Formats.amount(d.fees()))
                .add("Reward", Formats.amount(d.reward()))
                .add("Miner", links.address(d.minerAddress()))
                .add("Difficulty", Formats.difficulty(h.difficulty()));
        ExplorerLinks.Facts more = new ExplorerLinks.Facts()
                .add("Version", String.valueOf(h.version()))
                .add("Merkle root", ExplorerLinks.selectable(h.merkleRoot().toHex()))
                .add("Median time past", Formats.dateTime(h.medianTime()))
                .add("Bits", String.format("%08x", h.bits()))
                .add("Nonce", Long.toString(h.nonce()))
                .add("Chain work", ExplorerLinks.selectable(h.chainWork().toString(16)));
        TitledPane header = new TitledPane("Header fields", more.grid());
        header.setExpanded(false);

        Label txTitle = new Label("Transactions");
        txTitle.getStyleClass().add("section-title");
        VBox txs = new VBox();
        box.getChildren().addAll(title, neighbours, facts.grid(), header, txTitle, txs);
        addTransactions(txs, d, 0, FIRST_TRANSACTIONS);
        return box;
    }

    private void addTransactions(VBox txs, BlockDetail d, int from, int count) {
        int to = Math.min(d.transactions().size(), from + count);
        for (int i = from; i < to; i++) {
            txs.getChildren().add(transactionRow(d.transactions().get(i)));
        }
        if (to < d.transactions().size()) {
            int left = d.transactions().size() - to;
            javafx.scene.control.Hyperlink more = new javafx.scene.control.Hyperlink(
                    "Show " + Formats.count(left) + " more transactions");
            more.setOnAction(e -> {
                txs.getChildren().remove(more);
                addTransactions(txs, d, to, left);
            });
            txs.getChildren().add(more);
        }
    }

    private Node transactionRow(TxDetail tx) {
        FlowPane row = new FlowPane(16, 2);
        row.getStyleClass().add("tx-card");
        row.getChildren().add(links.transaction(tx.txid(), tx.blockHash(), true));
        String kind = tx.coinbase() ? "coinbase" : Formats.count(tx.inputs().size()) + " in, "
                + Formats.count(tx.outputs().size()) + " out";
        row.getChildren().add(ExplorerLinks.text(kind));
        row.getChildren().add(ExplorerLinks.text(Formats.amount(tx.totalOutput())));
        if (!tx.coinbase()) {
            row.getChildren().add(ExplorerLinks.text(tx.fee() < 0 ? "fee not known"
                    : "fee " + Formats.amount(tx.fee()) + " (" + Formats.feeRate(tx.feeRatePerByte()) + ")"));
        }
        Optional<String> to = tx.outputs().stream().map(TxDetail.Output::address).filter(a -> !a.isEmpty()).findFirst();
        to.ifPresent(a -> row.getChildren().add(links.address(a)));
        return row;
    }
}
