package org.peerchain.ui.settings;

import java.io.File;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.peerchain.ui.fx.Formats;

/** Wiring only: binds the Settings screen's controls to its two view-models and forwards the user's actions. */
public final class SettingsController {
    static final String LIGHT = "Light";
    static final String DARK = "Dark";
    static final String BACKUP_FILE_NAME = "peerchain-wallet-backup.keystore";

    private final SettingsViewModel model;
    private final WalletSettingsViewModel wallet;

    @FXML private ListView<String> trackerList;
    @FXML private TextField trackerField;
    @FXML private Button testTrackerButton;
    @FXML private Button removeTrackerButton;
    @FXML private Label trackerNotice;
    @FXML private TextField portField;
    @FXML private Label portNotice;
    @FXML private ListView<String> peerList;
    @FXML private TextField peerField;
    @FXML private Button removePeerButton;
    @FXML private Label peerNotice;
    @FXML private Spinner<Integer> threadSpinner;
    @FXML private Label coresLabel;
    @FXML private CheckBox pauseCheck;
    @FXML private CheckBox discoverCheck;
    @FXML private Label discoverNotice;
    @FXML private CheckBox hostTrackerCheck;
    @FXML private TextField hostTrackerPortField;
    @FXML private Label hostNotice;
    @FXML private Label miningNotice;
    @FXML private TextField payoutField;
    @FXML private Label payoutNotice;
    @FXML private ChoiceBox<String> themeChoice;
    @FXML private ComboBox<Double> scaleChoice;
    @FXML private VBox noWalletBox;
    @FXML private VBox walletBox;
    @FXML private PasswordField oldPassword;
    @FXML private PasswordField newPassword;
    @FXML private PasswordField newPasswordAgain;
    @FXML private Button changePasswordButton;
    @FXML private Button backupButton;
    @FXML private Label backupNotice;
    @FXML private Label passwordNotice;
    @FXML private PasswordField wordsPassword;
    @FXML private Button showWordsButton;
    @FXML private Button hideWordsButton;
    @FXML private FlowPane wordsPane;
    @FXML private Label wordsNotice;
    @FXML private ChoiceBox<Integer> lockChoice;
    @FXML private Label lockNotice;

    /** Set while the controls are filled from the model, so that filling them is not taken for a user's change. */
    private boolean filling;

    public SettingsController(SettingsViewModel model, WalletSettingsViewModel wallet) {
        this.model = model;
        this.wallet = wallet;
    }

    @FXML
    private void initialize() {
        bindNetwork();
        bindMining();
        bindAppearance();
        bindWallet();
    }

    private void bindNetwork() {
        trackerList.setItems(model.trackers());
        trackerList.setPlaceholder(new Label("No trackers: peers come from the address book and the peers below."));
        testTrackerButton.disableProperty().bind(trackerList.getSelectionModel().selectedItemProperty().isNull()
                .and(trackerField.textProperty().isEmpty()).or(model.testingTracker()));
        removeTrackerButton.disableProperty().bind(trackerList.getSelectionModel().selectedItemProperty().isNull());
        bindNotice(trackerNotice, model.trackerNotice());
        portField.setText(model.portText());
        bindNotice(portNotice, model.portNotice());
        discoverCheck.setSelected(model.discover().get());
        model.discover().addListener((o, was, now) -> discoverCheck.setSelected(now));
        discoverCheck.setOnAction(e -> model.applyDiscover(discoverCheck.isSelected()));
        bindNotice(discoverNotice, model.discoverNotice());
        hostTrackerCheck.setSelected(model.hostTracker().get());
        model.hostTracker().addListener((o, was, now) -> hostTrackerCheck.setSelected(now));
        hostTrackerPortField.setText(model.trackerPortText());
        hostTrackerCheck.setOnAction(e -> saveHostTracker());
        bindNotice(hostNotice, model.hostNotice());
        peerList.setItems(model.peers());
        peerList.setPlaceholder(new Label("No fixed peers."));
        removePeerButton.disableProperty().bind(peerList.getSelectionModel().selectedItemProperty().isNull());
        bindNotice(peerNotice, model.peerNotice());
    }

    private void bindMining() {
        SpinnerValueFactory.IntegerSpinnerValueFactory threads = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1);
        threads.maxProperty().bind(model.maxThreads());
        threadSpinner.setValueFactory(threads);
        model.threads().addListener((o, was, now) -> fill(() -> threads.setValue(now.intValue())));
        threadSpinner.valueProperty().addListener((o, was, now) -> {
            if (!filling && now != null && !now.equals(was)) {
                model.setThreads(now);
            }
        });
        coresLabel.textProperty().bind(model.maxThreads().asString("of %d cores"));
        model.pauseWhileSyncing().addListener((o, was, now) -> pauseCheck.setSelected(now));
        pauseCheck.setOnAction(e -> model.setPauseWhileSyncing(pauseCheck.isSelected()));
        bindNotice(miningNotice, model.miningNotice());
        payoutField.setText(model.payoutText());
        bindNotice(payoutNotice, model.payoutNotice());
    }

    private void bindAppearance() {
        themeChoice.getItems().setAll(LIGHT, DARK);
        scaleChoice.setConverter(converter(Formats::percent));
        Runnable show = () -> fill(() -> {
            themeChoice.setValue(model.dark().get() ? DARK : LIGHT);
            scaleChoice.getItems().setAll(model.scales());
            scaleChoice.setValue(model.scale().get());
        });
        model.dark().addListener((o, was, now) -> show.run());
        model.scale().addListener((o, was, now) -> show.run());
        show.run();
        themeChoice.setOnAction(e -> {
            if (!filling) {
                model.setDark(DARK.equals(themeChoice.getValue()));
            }
        });
        scaleChoice.setOnAction(e -> {
            if (!filling && scaleChoice.getValue() != null) {
                model.setScale(scaleChoice.getValue());
            }
        });
    }

    private void bindWallet() {
        noWalletBox.visibleProperty().bind(wallet.walletExists().not());
        noWalletBox.managedProperty().bind(noWalletBox.visibleProperty());
        walletBox.visibleProperty().bind(wallet.walletExists());
        walletBox.managedProperty().bind(walletBox.visibleProperty());
        changePasswordButton.disableProperty().bind(wallet.busy());
        backupButton.disableProperty().bind(wallet.busy());
        showWordsButton.disableProperty().bind(wallet.busy());
        hideWordsButton.disableProperty().bind(Bindings.isEmpty(wallet.words()));
        bindNotice(passwordNotice, wallet.passwordNotice());
        bindNotice(backupNotice, wallet.backupNotice());
        bindNotice(wordsNotice, wallet.wordsNotice());
        wordsPane.managedProperty().bind(wordsPane.visibleProperty());
        wordsPane.visibleProperty().bind(Bindings.isNotEmpty(wallet.words()));
        wallet.words().addListener((ListChangeListener<String>) c -> showWordTiles());
        lockChoice.getItems().setAll(AppSettings.AUTO_LOCK_CHOICES);
        lockChoice.setConverter(converter(Formats::lockAfter));
        lockChoice.setValue(wallet.autoLockMinutes().get());
        wallet.autoLockMinutes().addListener((o, was, now) -> fill(() -> lockChoice.setValue(now.intValue())));
        lockChoice.setOnAction(e -> {
            if (!filling && lockChoice.getValue() != null && lockChoice.getValue() != wallet.autoLockMinutes().get()) {
                wallet.setAutoLockMinutes(lockChoice.getValue());
            }
        });
        bindNotice(lockNotice, wallet.lockNotice());
    }

    /** Sets controls from the model without taking it for the user's choice. */
    private void fill(Runnable update) {
        filling = true;
        try {
            update.run();
        } finally {
            filling = false;
        }
    }

    private void showWordTiles() {
        wordsPane.getChildren().clear();
        for (int i = 0; i < wallet.words().size(); i++) {
            Label tile = new Label((i + 1) + ". " + wallet.words().get(i));
            tile.getStyleClass().add("recovery-word");
            wordsPane.getChildren().add(tile);
        }
    }

    /** A notice under a field: hidden when empty, coloured by its kind. */
    private static void bindNotice(Label label, ObjectProperty<Notice> notice) {
        label.managedProperty().bind(label.visibleProperty());
        Runnable show = () -> {
            Notice n = notice.get();
            label.setText(n.text());
            label.setVisible(!n.text().isEmpty());
            label.getStyleClass().removeAll("notice-done", "notice-problem");
            if (n.kind() != Notice.Kind.WORKING) {
                label.getStyleClass().add(n.problem() ? "notice-problem" : "notice-done");
            }
        };
        notice.addListener((o, was, now) -> show.run());
        show.run();
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("chosen from the list, never typed");
            }
        };
    }

    // ------------------------------------------------------------------ actions

    @FXML
    private void addTracker() {
        if (model.addTracker(trackerField.getText())) {
            trackerField.clear();
        }
    }

    @FXML
    private void testTracker() {
        String typed = trackerField.getText() == null ? "" : trackerField.getText().strip();
        String selected = trackerList.getSelectionModel().getSelectedItem();
        model.testTracker(typed.isEmpty() ? selected : typed);
    }

    @FXML
    private void removeTracker() {
        model.removeTracker(trackerList.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void saveHostTracker() {
        if (!model.applyHostTracker(hostTrackerCheck.isSelected(), hostTrackerPortField.getText())) {
            hostTrackerCheck.setSelected(model.hostTracker().get());
        }
    }

    @FXML
    private void saveListenPort() {
        model.applyListenPort(portField.getText());
    }

    @FXML
    private void addPeer() {
        if (model.addPeer(peerField.getText())) {
            peerField.clear();
        }
    }

    @FXML
    private void removePeer() {
        model.removePeer(peerList.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void savePayout() {
        model.applyPayout(payoutField.getText());
    }

    @FXML
    private void createOrRestoreWallet() {
        wallet.createOrRestoreWallet();
    }

    @FXML
    private void changePassword() {
        wallet.changePassword(oldPassword.getText().toCharArray(), newPassword.getText().toCharArray(),
                newPasswordAgain.getText().toCharArray());
        oldPassword.clear();
        newPassword.clear();
        newPasswordAgain.clear();
    }

    @FXML
    private void backup() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Back up the wallet");
        chooser.setInitialFileName(BACKUP_FILE_NAME);
        File file = chooser.showSaveDialog(backupButton.getScene().getWindow());
        if (file != null) {
            wallet.backup(file.toPath());
        }
    }

    @FXML
    private void showWords() {
        wallet.showWords(wordsPassword.getText().toCharArray());
        wordsPassword.clear();
    }

    @FXML
    private void hideWords() {
        wallet.hideWords();
    }
}
