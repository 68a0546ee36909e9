package org.peerchain.ui.send;

import atlantafx.base.theme.Styles;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import org.peerchain.ui.fx.Formats;

/** Wires the Send screen to its view-model: bindings and handlers only; the dialogs' steps are {@link SendFlow}'s. */
public final class SendController {
    private final SendViewModel model;
    private final Runnable onNeedWallet;
    private final Map<RecipientRow, RecipientView> views = new IdentityHashMap<>();
    private final Map<Toggle, FeePreset> presets = new IdentityHashMap<>();

    @FXML
    private VBox noWalletPane;
    @FXML
    private Label noWalletLabel;
    @FXML
    private VBox formPane;
    @FXML
    private Label availableLabel;
    @FXML
    private VBox recipientsBox;
    @FXML
    private ToggleGroup feeGroup;
    @FXML
    private RadioButton nextBlockRadio;
    @FXML
    private RadioButton sixBlocksRadio;
    @FXML
    private RadioButton economyRadio;
    @FXML
    private RadioButton customRadio;
    @FXML
    private Label nextBlockFee;
    @FXML
    private Label sixBlocksFee;
    @FXML
    private Label economyFee;
    @FXML
    private Label customFee;
    @FXML
    private TextField customRateField;
    @FXML
    private Label customRateProblem;
    @FXML
    private CheckBox subtractFeeCheck;
    @FXML
    private TableView<CoinRow> coinTable;
    @FXML
    private TableColumn<CoinRow, CoinRow> chosenColumn;
    @FXML
    private TableColumn<CoinRow, String> amountColumn;
    @FXML
    private TableColumn<CoinRow, String> addressColumn;
    @FXML
    private TableColumn<CoinRow, String> labelColumn;
    @FXML
    private TableColumn<CoinRow, String> confirmationsColumn;
    @FXML
    private TableColumn<CoinRow, String> lockedColumn;
    @FXML
    private Label coinSelectionLabel;
    @FXML
    private Label formProblemLabel;
    @FXML
    private Button reviewButton;
    @FXML
    private Label lockedLabel;
    @FXML
    private VBox outcomeBox;
    @FXML
    private Label outcomeLabel;
    @FXML
    private Hyperlink exploreLink;

    SendController(SendViewModel model, Runnable onNeedWallet) {
        this.model = model;
        this.onNeedWallet = onNeedWallet;
    }

    @FXML
    private void initialize() {
        noWalletLabel.setText(SendViewModel.NO_WALLET);
        noWalletPane.visibleProperty().bind(model.walletMissingProperty());
        noWalletPane.managedProperty().bind(noWalletPane.visibleProperty());
        formPane.visibleProperty().bind(model.walletMissingProperty().not());
        formPane.managedProperty().bind(formPane.visibleProperty());
        availableLabel.textProperty().bind(model.availableTextProperty());
        bindRecipients();
        bindFees();
        bindCoins();
        RecipientView.showWhenNotEmpty(formProblemLabel);
        formProblemLabel.textProperty().bind(model.formProblemProperty());
        reviewButton.getStyleClass().add(Styles.ACCENT);
        reviewButton.disableProperty().bind(model.busyProperty());
        lockedLabel.visibleProperty().bind(model.lockedProperty());
        outcomeLabel.textProperty().bind(model.outcomeProperty());
        outcomeBox.visibleProperty().bind(model.outcomeProperty().isNotEmpty());
        outcomeBox.managedProperty().bind(outcomeBox.visibleProperty());
        exploreLink.visibleProperty().bind(model.sentTxidProperty().isNotNull());
        exploreLink.managedProperty().bind(exploreLink.visibleProperty());
    }

    private void bindRecipients() {
        model.recipients().addListener((ListChangeListener<RecipientRow>) c -> showRecipients());
        showRecipients();
    }

    private void showRecipients() {
        views.keySet().retainAll(model.recipients());
        recipientsBox.getChildren().clear();
        int count = model.recipients().size();
        for (int i = 0; i < count; i++) {
            RecipientRow row = model.recipients().get(i);
            RecipientView view = views.computeIfAbsent(row, r -> new RecipientView(r, model));
            view.setPlace(i, count);
            recipientsBox.getChildren().add(view);
        }
    }

    private void bindFees() {
        presets.put(nextBlockRadio, FeePreset.NEXT_BLOCK);
        presets.put(sixBlocksRadio, FeePreset.WITHIN_SIX_BLOCKS);
        presets.put(economyRadio, FeePreset.ECONOMY);
        presets.put(customRadio, FeePreset.CUSTOM);
        nextBlockFee.textProperty().bind(model.feeTextProperty(FeePreset.NEXT_BLOCK));
        sixBlocksFee.textProperty().bind(model.feeTextProperty(FeePreset.WITHIN_SIX_BLOCKS));
        economyFee.textProperty().bind(model.feeTextProperty(FeePreset.ECONOMY));
        customFee.textProperty().bind(model.feeTextProperty(FeePreset.CUSTOM));
        presets.forEach((toggle, preset) -> toggle.setSelected(preset == model.presetProperty().get()));
        feeGroup.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.presetProperty().set(presets.get(now));
            }
        });
        customRateField.textProperty().bindBidirectional(model.customRateProperty());
        customRateField.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                customRadio.setSelected(true);
            }
        });
        customRateProblem.textProperty().bind(model.customRateProblemProperty());
        RecipientView.showWhenNotEmpty(customRateProblem);
        subtractFeeCheck.selectedProperty().bindBidirectional(model.subtractFeeProperty());
    }

    private void bindCoins() {
        coinTable.setItems(model.coins());
        coinTable.setPlaceholder(new Label("No coins yet: what you receive or mine shows here."));
        chosenColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        chosenColumn.setCellFactory(c -> new ChosenCell());
        amountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Formats.amount(c.getValue().coin().amount())));
        addressColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().coin().address()));
        labelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().coin().label()));
        confirmationsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                Formats.count(c.getValue().coin().confirmations())));
        lockedColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().coin().locked() ? "locked" : ""));
        coinSelectionLabel.textProperty().bind(model.coinSelectionProperty());
    }

    /** A coin's checkbox, bound to whether it is chosen; a coin that cannot be spent yet cannot be chosen. */
    private static final class ChosenCell extends TableCell<CoinRow, CoinRow> {
        private final CheckBox box = new CheckBox();
        private CoinRow bound;

        @Override
        protected void updateItem(CoinRow row, boolean empty) {
            super.updateItem(row, empty);
            if (bound != null) {
                box.selectedProperty().unbindBidirectional(bound.chosenProperty());
                bound = null;
            }
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            bound = row;
            box.selectedProperty().bindBidirectional(row.chosenProperty());
            box.setDisable(!row.coin().spendable());
            setGraphic(box);
        }
    }

    @FXML
    private void addRecipient() {
        model.addRecipient();
    }

    @FXML
    private void review() {
        new SendFlow(model, () -> reviewButton.getScene().getWindow()).start();
    }

    @FXML
    private void exploreSent() {
        model.exploreSent();
    }

    @FXML
    private void needWallet() {
        onNeedWallet.run();
    }
}
