package org.peerchain.ui.explorer;

import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.node.api.ChainTip;
import org.peerchain.node.api.MempoolSummary;
import org.peerchain.ui.fx.Formats;

/** The explorer's three tables (blocks, mempool, chain tips): columns, placeholders and row clicks. */
final class ExplorerTables {
    private static final String LOADING = "…";

    private ExplorerTables() {
    }

    static void blocks(TableView<BlockRow> table, ExplorerViewModel model) {
        table.setItems(model.blocks());
        table.setPlaceholder(new Label("No blocks yet"));
        table.getColumns().setAll(
                column("Height", 90, r -> Formats.count(r.height())),
                column("Time", 160, r -> r.summary().map(b -> Formats.dateTime(b.time())).orElse(LOADING)),
                column("Transactions", 100, r -> r.summary().map(b -> Formats.count(b.transactions())).orElse(LOADING)),
                column("Size", 90, r -> r.summary().map(b -> Formats.bytes(b.sizeBytes())).orElse(LOADING)),
                column("Difficulty", 100, r -> r.summary().map(b -> Formats.difficulty(b.difficulty())).orElse(LOADING)),
                column("Hash", 160, r -> r.summary().map(b -> Formats.shortHash(b.hash().toHex())).orElse(LOADING)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(28);
        table.setRowFactory(t -> clickable(row -> row.summary().map(BlockSummary::hash)
                .ifPresent(model::openBlock)));
    }

    static void mempool(TableView<MempoolSummary.Entry> table, ExplorerViewModel model) {
        table.setPlaceholder(new Label("The mempool is empty: every transaction seen has been mined"));
        table.getColumns().setAll(
                column("Transaction", 160, e -> Formats.shortHash(e.txid().toHex())),
                column("Fee rate", 110, e -> Formats.feeRate(e.feeRatePerByte())),
                column("Fee", 120, e -> Formats.amount(e.fee())),
                column("Size", 80, e -> Formats.bytes(e.sizeBytes())),
                column("Received", 150, e -> Formats.dateTime(e.time())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> clickable(e -> model.openTransaction(e.txid(), java.util.Optional.empty())));
    }

    static void tips(TableView<ChainTip> table, ExplorerViewModel model) {
        table.setItems(model.tips());
        table.setPlaceholder(new Label("Reading the chain tips…"));
        table.getColumns().setAll(
                column("Height", 90, t -> Formats.count(t.height())),
                column("Status", 130, ExplorerTables::status),
                column("Branch length", 110, t -> Formats.count(t.branchLength())),
                column("Hash", 200, t -> Formats.shortHash(t.hash().toHex())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> clickable(tip -> model.openBlock(tip.hash())));
    }

    private static String status(ChainTip t) {
        return switch (t.status()) {
            case ChainTip.ACTIVE -> "Active chain";
            case ChainTip.VALID_FORK -> "Stale branch";
            case ChainTip.HEADERS_ONLY -> "Headers only";
            case ChainTip.INVALID -> "Invalid";
            default -> t.status();
        };
    }

    private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> text) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new SimpleStringProperty(text.apply(cell.getValue())));
        return c;
    }

    private static <S> TableRow<S> clickable(java.util.function.Consumer<S> open) {
        TableRow<S> row = new TableRow<>();
        row.setOnMouseClicked(e -> {
            if (!row.isEmpty() && row.getItem() != null) {
                open.accept(row.getItem());
            }
        });
        return row;
    }
}
