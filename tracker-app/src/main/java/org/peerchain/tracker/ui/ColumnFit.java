package org.peerchain.tracker.ui;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Keeps a table column at least as wide as the widest value it has shown, so a network name such as
 * "peerchain-regtest" is never cut to "peerch…" by the constrained resize policy. Growth stops at a cap: a
 * peer may announce any name, and the full name stays in the cell's tooltip.
 */
final class ColumnFit {
    /** Room for the cell's padding on both sides and the header's sort arrow. */
    private static final double CELL_CHROME = 30;
    /** A column never grows past this for one long value. */
    static final double MAX_WIDTH = 240;

    private ColumnFit() {
    }

    static <S> void widenToFit(TableView<S> table, TableColumn<S, ?> column, ObservableList<S> rows,
                               Function<S, String> text) {
        Set<String> seen = new HashSet<>();
        rows.addListener((ListChangeListener<S>) change -> {
            boolean newValue = false;
            while (change.next()) {
                for (S row : change.getAddedSubList()) {
                    newValue |= seen.add(text.apply(row));
                }
            }
            if (newValue) {
                widen(table, column, seen);
            }
        });
    }

    private static void widen(TableView<?> table, TableColumn<?, ?> column, Set<String> values) {
        Font font = headerFont(table);
        double widest = 0;
        for (String v : values) {
            Text t = new Text(v);
            t.setFont(font);
            widest = Math.max(widest, t.getLayoutBounds().getWidth());
        }
        double need = Math.min(MAX_WIDTH, Math.ceil(widest + CELL_CHROME));
        if (column.getMinWidth() < need) {
            column.setMinWidth(need);
            column.setPrefWidth(Math.max(column.getPrefWidth(), need));
        }
    }

    /** The font the theme gives the table's header (bold in AtlantaFX, so at least as wide as the cells'). */
    private static Font headerFont(TableView<?> table) {
        for (Node n : table.lookupAll(".column-header .label")) {
            if (n instanceof Labeled l) {
                return l.getFont();
            }
        }
        return Font.getDefault();
    }
}
