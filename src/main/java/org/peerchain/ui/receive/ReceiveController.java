package org.peerchain.ui.receive;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.peerchain.ui.fx.Formats;

/** Wires the Receive screen to its view-model: bindings and handlers only. */
public final class ReceiveController {
    static final String NO_ADDRESSES_YET = "No addresses handed out yet. Press New address to make one.";

    private final ReceiveViewModel model;
    private final Runnable onNeedWallet;

    @FXML
    private VBox noWalletBox;
    @FXML
    private Label noWalletLabel;
    @FXML
    private Hyperlink needWalletLink;
    @FXML
    private Label problemLabel;
    @FXML
    private FlowPane requestPane;
    @FXML
    private QrView qrView;
    @FXML
    private TextField addressField;
    @FXML
    private Button copyAddressButton;
    @FXML
    private TextField labelField;
    @FXML
    private TextField amountField;
    @FXML
    private Label amountErrorLabel;
    @FXML
    private TextField uriField;
    @FXML
    private Button copyUriButton;
    @FXML
    private Button newAddressButton;
    @FXML
    private Label messageLabel;
    @FXML
    private VBox listBox;
    @FXML
    private TableView<ReceiveAddressRow> addressTable;
    @FXML
    private TableColumn<ReceiveAddressRow, String> labelColumn;
    @FXML
    private TableColumn<ReceiveAddressRow, String> addressColumn;
    @FXML
    private TableColumn<ReceiveAddressRow, Number> receivedColumn;
    @FXML
    private TableColumn<ReceiveAddressRow, Number> confirmationsColumn;
    @FXML
    private TableColumn<ReceiveAddressRow, Number> paymentsColumn;

    ReceiveController(ReceiveViewModel model, Runnable onNeedWallet) {
        this.model = model;
        this.onNeedWallet = onNeedWallet;
    }

    @FXML
    private void initialize() {
        noWalletLabel.setText(ReceiveViewModel.NO_WALLET);
        showOnlyWhen(noWalletBox, model.walletMissingProperty());
        showOnlyWhen(requestPane, model.walletMissingProperty().not());
        showOnlyWhen(listBox, model.walletMissingProperty().not());
        showOnlyWhen(problemLabel, model.problemProperty().isNotEmpty());
        showOnlyWhen(amountErrorLabel, model.amountErrorProperty().isNotEmpty());
        problemLabel.textProperty().bind(model.problemProperty());
        amountErrorLabel.textProperty().bind(model.amountErrorProperty());
        messageLabel.textProperty().bind(model.messageProperty());

        qrView.textProperty().bind(model.uriProperty());
        addressField.textProperty().bind(model.addressProperty());
        uriField.textProperty().bind(model.uriProperty());
        labelField.textProperty().bindBidirectional(model.labelProperty());
        amountField.textProperty().bindBidirectional(model.amountTextProperty());
        copyAddressButton.disableProperty().bind(model.addressProperty().isEmpty());
        copyUriButton.disableProperty().bind(model.uriProperty().isEmpty());
        newAddressButton.disableProperty().bind(model.busyProperty());
        bindTable();
    }

    private void bindTable() {
        addressTable.setItems(model.addresses());
        addressTable.setPlaceholder(new Label(NO_ADDRESSES_YET));
        labelColumn.setCellValueFactory(c -> c.getValue().labelProperty());
        labelColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        labelColumn.setOnEditCommit(e -> model.relabel(e.getRowValue(), e.getNewValue()));
        addressColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().address()));
        addressColumn.setCellFactory(c -> textCell(a -> a, "address-cell"));
        receivedColumn.setCellValueFactory(c -> c.getValue().receivedProperty());
        receivedColumn.setCellFactory(c -> textCell(n -> Formats.amount(n.longValue()), "received-cell"));
        confirmationsColumn.setCellValueFactory(c -> c.getValue().confirmationsProperty());
        confirmationsColumn.setCellFactory(c -> textCell(n -> Formats.count(n.longValue()), "received-cell"));
        paymentsColumn.setCellValueFactory(c -> c.getValue().transactionsProperty());
        paymentsColumn.setCellFactory(c -> textCell(n -> Formats.count(n.longValue()), "received-cell"));
        addressTable.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> model.show(row));
    }

    private static <T> TableCell<ReceiveAddressRow, T> textCell(Function<T, String> text, String styleClass) {
        TableCell<ReceiveAddressRow, T> cell = new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
        cell.getStyleClass().add(styleClass);
        return cell;
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
    private void copyAddress() {
        copy(model.addressProperty().get());
        model.copied("The address");
    }

    @FXML
    private void copyUri() {
        copy(model.uriProperty().get());
        model.copied("The payment request");
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void saveLabel() {
        model.saveLabel();
    }

    @FXML
    private void newAddress() {
        model.newAddress();
    }

    /** The QR code as drawn, for tests that read it back. */
    QrView qrView() {
        return qrView;
    }
}
