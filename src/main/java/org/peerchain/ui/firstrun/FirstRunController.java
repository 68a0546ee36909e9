package org.peerchain.ui.firstrun;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.peerchain.ui.fx.Fxml;

/** Wires the welcome page (three choices, the sync line, network and data directory) and hosts create and restore. */
public final class FirstRunController {
    private final FirstRunViewModel model;
    private final CreateWalletController createController;
    private final RestoreWalletController restoreController;

    @FXML
    private StackPane pages;
    @FXML
    private VBox welcomePane;
    @FXML
    private HBox createChoice;
    @FXML
    private HBox restoreChoice;
    @FXML
    private HBox browseChoice;
    @FXML
    private Label syncLabel;
    @FXML
    private Label placeLabel;
    @FXML
    private ChoiceBox<String> networkChoice;
    @FXML
    private TextField dataDirField;
    @FXML
    private Button relocateButton;
    @FXML
    private Label placeProblemLabel;
    @FXML
    private VBox joinBox;
    @FXML
    private TextField joinField;
    @FXML
    private Button joinButton;
    @FXML
    private Button hostButton;
    @FXML
    private Label joinNotice;

    FirstRunController(FirstRunViewModel model, CreateWalletViewModel create, RestoreWalletViewModel restore) {
        this.model = model;
        this.createController = new CreateWalletController(create, model::openWelcome);
        this.restoreController = new RestoreWalletController(restore, model::openWelcome);
    }

    @FXML
    private void initialize() {
        Node createPane = Fxml.loadFile("/fxml/firstrun/create.fxml", createController);
        Node restorePane = Fxml.loadFile("/fxml/firstrun/restore.fxml", restoreController);
        pages.getChildren().addAll(createPane, restorePane);
        show(welcomePane, FirstRunViewModel.Page.WELCOME);
        show(createPane, FirstRunViewModel.Page.CREATE);
        show(restorePane, FirstRunViewModel.Page.RESTORE);

        pressable(createChoice, this::create);
        pressable(restoreChoice, this::restore);
        pressable(browseChoice, this::browse);
        syncLabel.textProperty().bind(model.syncTextProperty());
        joinBox.visibleProperty().bind(model.joinOfferedProperty().or(model.joinNoticeProperty().isNotEmpty()));
        joinBox.managedProperty().bind(joinBox.visibleProperty());
        joinButton.disableProperty().bind(model.joiningProperty());
        hostButton.disableProperty().bind(model.hostChosenProperty());
        joinNotice.textProperty().bind(model.joinNoticeProperty());
        joinNotice.managedProperty().bind(model.joinNoticeProperty().isNotEmpty());
        placeLabel.textProperty().bind(model.currentPlaceProperty());
        networkChoice.getItems().setAll(FirstRunViewModel.NETWORKS);
        networkChoice.valueProperty().bindBidirectional(model.networkProperty());
        dataDirField.textProperty().bindBidirectional(model.dataDirProperty());
        relocateButton.disableProperty().bind(model.placeChangedProperty().not().or(model.relocatingProperty()));
        placeProblemLabel.textProperty().bind(model.placeProblemProperty());
        placeProblemLabel.visibleProperty().bind(model.placeProblemProperty().isNotEmpty());
        placeProblemLabel.managedProperty().bind(placeProblemLabel.visibleProperty());
    }

    /** A choice card acts like a button from the keyboard too: Enter or Space when focused. */
    private static void pressable(HBox card, Runnable action) {
        card.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                e.consume();
                action.run();
            }
        });
    }

    private void show(Node pane, FirstRunViewModel.Page page) {
        pane.visibleProperty().bind(Bindings.equal(model.pageProperty(), page));
        // a hidden page must not size the scroll area: the words page would give the short welcome a scroll bar
        pane.managedProperty().bind(pane.visibleProperty());
    }

    @FXML
    private void join() {
        model.join(joinField.getText());
    }

    @FXML
    private void hostTracker() {
        model.hostTracker();
    }

    @FXML
    private void create() {
        model.openCreate();
        createController.focus();
    }

    @FXML
    private void restore() {
        model.openRestore();
        restoreController.focus();
    }

    @FXML
    private void browse() {
        model.browseWithoutWallet();
    }

    @FXML
    private void chooseDataDir() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Data directory for the " + model.networkProperty().get() + " network");
        File start = new File(model.dataDirProperty().get());
        while (start != null && !start.isDirectory()) {
            start = start.getParentFile();
        }
        if (start != null) {
            chooser.setInitialDirectory(start);
        }
        File chosen = chooser.showDialog(dataDirField.getScene().getWindow());
        if (chosen != null) {
            model.dataDirProperty().set(chosen.getAbsolutePath());
        }
    }

    @FXML
    private void relocate() {
        model.relocate();
    }
}
