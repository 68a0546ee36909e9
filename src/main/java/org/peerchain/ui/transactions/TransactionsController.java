package org.peerchain.ui.transactions;

import java.io.File;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.peerchain.node.api.WalletTxState;
import org.peerchain.ui.fx.Formats;

/** Wires the Transactions screen to its view-model: bindings and handlers only. */
public final class TransactionsController {
    private static final int DETAILS_CLICKS = 2;
    private static final List<String> STATE_STYLES = List.of("state-pending", "state-immature", "state-conflicted");
    private static final List<String> AMOUNT_STYLES = List.of("amount-in", "amount-out");

    private final TransactionsViewModel model;
    private final Runnable onNeedWallet;

    @FXML
    private Label summaryLabel;
    @FXML
    private VBox noWalletBox;
    @FXML
    private Label noWalletLabel;
    @FXML
    private FlowPane toolBar;
    @FXML
    private TextField filterField;
    @FXML
    private ComboBox<StateFilter> stateBox;
    @FXML
    private Button detailsButton;
    @FXML
    private Button exportButton;
    @FXML
    private TableView<TransactionRow> table;
    @FXML
    private TableColumn<TransactionRow, Number> dateColumn;
    @FXML
    private TableColumn<TransactionRow, String> labelColumn;
    @FXML
    private TableColumn<TransactionRow, Number> amountColumn;
    @FXML
    private TableColumn<TransactionRow, Number> feeColumn;
    @FXML
    private TableColumn<TransactionRow, Number> confirmationsColumn;
    @FXML
    private TableColumn<TransactionRow, String> stateColumn;
    @FXML
    private Label messageLabel;

    TransactionsController(TransactionsViewModel model, Runnable onNeedWallet) {
        this.model = model;
        this.onNeedWallet = onNeedWallet;
    }

    @FXML
    private void initialize() {
        noWalletLabel.setText(TransactionsViewModel.NO_WALLET);
        showOnlyWhen(noWalletBox, model.walletMissingProperty());
        showOnlyWhen(toolBar, model.walletMissingProperty().not());
        showOnlyWhen(table, model.walletMissingProperty().not());
        summaryLabel.textProperty().bind(model.summaryProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        filterField.textProperty().bindBidirectional(model.filterTextProperty());
        stateBox.getItems().setAll(StateFilter.values());
        stateBox.valueProperty().bindBidirectional(model.stateFilterProperty());
        detailsButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        exportButton.disableProperty().bind(model.loadingProperty());
        bindTable();
    }

    private void bindTable() {
        table.setItems(model.rows());
        model.rows().comparatorProperty().bind(table.comparatorProperty());
        Label empty = new Label();
        empty.textProperty().bind(model.emptyTextProperty());
        empty.setWrapText(true);
        table.setPlaceholder(empty);

        dateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().time()));
        dateColumn.setCellFactory(c -> textCell(t -> Formats.dateTime(t.longValue()), r -> null));
        labelColumn.setCellValueFactory(c -> c.getValue().labelProperty());
        labelColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        labelColumn.setOnEditCommit(e -> model.setLabel(e.getRowValue(), e.getNewValue()));
        amountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().amount()));
        amountColumn.setCellFactory(c -> textCell(a -> Formats.signedCoins(a.longValue()),
                r -> r.amount() >= 0 ? "amount-in" : "amount-out"));
        feeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().fee()));
        feeColumn.setCellFactory(c -> textCell(f -> f.longValue() == 0 ? "" : Formats.coins(f.longValue()),
                r -> null));
        confirmationsColumn.setCellValueFactory(c -> c.getValue().confirmationsProperty());
        confirmationsColumn.setCellFactory(c -> textCell(n -> n.intValue() < 0 ? "–" : Formats.count(n.longValue()),
                r -> null));
        stateColumn.setCellValueFactory(c -> c.getValue().stateTextProperty());
        stateColumn.setCellFactory(c -> textCell(s -> s, TransactionsController::stateStyle));
        for (TableColumn<TransactionRow, ?> numeric : List.of(amountColumn, feeColumn, confirmationsColumn)) {
            numeric.getStyleClass().add("number-cell");
        }
        dateColumn.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().add(dateColumn);

        table.setRowFactory(t -> {
            TableRow<TransactionRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == DETAILS_CLICKS && !row.isEmpty()
                        && table.getEditingCell() == null) {
                    model.showDetails(row.getItem());
                }
            });
            return row;
        });
    }

    private static String stateStyle(TransactionRow r) {
        WalletTxState s = r.state();
        return s == WalletTxState.PENDING ? "state-pending" : s == WalletTxState.IMMATURE ? "state-immature"
                : s == WalletTxState.CONFLICTED ? "state-conflicted" : null;
    }

    /** A cell with {@code text} of its value and, for some rows, a style class ({@code null} for none). */
    private static <T> TableCell<TransactionRow, T> textCell(Function<T, String> text,
            Function<TransactionRow, String> style) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(STATE_STYLES);
                getStyleClass().removeAll(AMOUNT_STYLES);
                TransactionRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || item == null || row == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(text.apply(item));
                // The whole text on hover, when a narrow window cuts it short.
                setTooltip(new Tooltip(getText()));
                String styleClass = style.apply(row);
                if (styleClass != null) {
                    getStyleClass().add(styleClass);
                }
            }
        };
    }

    private static void showOnlyWhen(Node node, ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    @FXML
    private void needWallet() {
        onNeedWallet.run();
    }

    @FXML
    private void showDetails() {
        model.showDetails(table.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export transactions");
        chooser.setInitialFileName("peerchain-transactions-" + LocalDate.now() + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showSaveDialog(table.getScene().getWindow());
        if (file != null) {
            model.exportCsv(file.toPath());
        }
    }
}
