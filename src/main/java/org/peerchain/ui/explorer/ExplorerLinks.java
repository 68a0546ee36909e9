package org.peerchain.ui.explorer;

import java.util.Optional;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.Node;
import org.peerchain.core.Hash;
import org.peerchain.ui.fx.Formats;

/** The explorer's links (hashes, transaction ids, addresses that navigate within it) and its fact grids. */
final class ExplorerLinks {
    private final ExplorerViewModel model;

    ExplorerLinks(ExplorerViewModel model) {
        this.model = model;
    }

    Hyperlink block(Hash hash, String text) {
        Hyperlink link = link(text, hash.toHex());
        link.setOnAction(e -> model.openBlock(hash));
        return link;
    }

    Hyperlink blockShort(Hash hash) {
        return block(hash, Formats.shortHash(hash.toHex()));
    }

    Hyperlink transaction(Hash txid, Optional<Hash> inBlock, boolean shortened) {
        Hyperlink link = link(shortened ? Formats.shortHash(txid.toHex()) : txid.toHex(), txid.toHex());
        link.setOnAction(e -> model.openTransaction(txid, inBlock));
        return link;
    }

    Hyperlink transactionAt(Hash txid, int blockHeight, String text) {
        Hyperlink link = link(text, txid.toHex());
        link.setOnAction(e -> model.openTransactionAt(txid, blockHeight));
        return link;
    }

    /** An address link, or a muted "unknown" when it is not known. */
    Node address(String address) {
        if (address.isEmpty()) {
            Label unknown = new Label("unknown");
            unknown.getStyleClass().add("text-muted");
            return unknown;
        }
        Hyperlink link = link(address, address);
        link.getStyleClass().add("mono");
        link.setOnAction(e -> model.openAddress(address));
        return link;
    }

    private static Hyperlink link(String text, String full) {
        Hyperlink link = new Hyperlink(text);
        link.getStyleClass().add("mono");
        link.setTooltip(new Tooltip(full));
        link.setMnemonicParsing(false);
        return link;
    }

    /** Text the user can select and copy, shown as a plain label. */
    static TextField selectable(String text) {
        TextField field = new TextField(text);
        field.setEditable(false);
        field.getStyleClass().add("hash-text");
        field.setPrefColumnCount(Math.min(66, text.length() + 2));
        return field;
    }

    static Label text(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }

    /** A two-column grid of named facts. */
    static final class Facts {
        private final GridPane grid = new GridPane();
        private int row;

        Facts() {
            grid.setHgap(16);
            grid.setVgap(4);
        }

        Facts add(String name, Node value) {
            Label label = new Label(name);
            label.getStyleClass().add("fact-name");
            label.setMinWidth(Label.USE_PREF_SIZE);
            GridPane.setHgrow(value, Priority.ALWAYS);
            grid.addRow(row++, label, value);
            return this;
        }

        Facts add(String name, String value) {
            return add(name, text(value));
        }

        GridPane grid() {
            return grid;
        }
    }
}
