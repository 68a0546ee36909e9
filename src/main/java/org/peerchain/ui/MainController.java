package org.peerchain.ui;

import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import org.controlsfx.control.StatusBar;

/** Wiring only: binds the main window's labels to the node's view-model. */
public final class MainController {
    private final NodeStatusViewModel status;
    private final Consumer<Boolean> themeSwitch;

    @FXML
    private Label networkLabel;
    @FXML
    private Label heightLabel;
    @FXML
    private Label bestBlockLabel;
    @FXML
    private Label blockTimeLabel;
    @FXML
    private Label mempoolLabel;
    @FXML
    private Label dataDirLabel;
    @FXML
    private Label peersLabel;
    @FXML
    private Label syncLabel;
    @FXML
    private Label miningLabel;
    @FXML
    private ToggleButton darkToggle;
    @FXML
    private StatusBar statusBar;

    MainController(NodeStatusViewModel status, Consumer<Boolean> themeSwitch) {
        this.status = status;
        this.themeSwitch = themeSwitch;
    }

    void showDarkSelected(boolean dark) {
        darkToggle.setSelected(dark);
    }

    @FXML
    private void initialize() {
        networkLabel.textProperty().bind(status.networkProperty());
        heightLabel.textProperty().bind(status.heightProperty().asString().map(h -> h.equals("-1") ? "…" : h));
        bestBlockLabel.textProperty().bind(status.bestBlockProperty());
        blockTimeLabel.textProperty().bind(status.blockTimeProperty());
        mempoolLabel.textProperty().bind(status.mempoolSizeProperty().asString().concat(" transactions"));
        dataDirLabel.textProperty().bind(status.dataDirProperty());
        peersLabel.textProperty().bind(status.peersProperty().asString());
        syncLabel.textProperty().bind(status.syncProperty());
        miningLabel.textProperty().bind(status.miningProperty());
        statusBar.textProperty().bind(status.statusProperty());
        darkToggle.selectedProperty().addListener((obs, was, dark) -> themeSwitch.accept(dark));
    }
}
