package org.peerchain.ui.startup;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.peerchain.node.api.LifecycleStep;

/** Wiring only: one row per start step, the failure in words, and a Quit button when it failed. */
public final class StartupController {
    private static final double PROGRESS_BAR_WIDTH = 160;

    private final StartupViewModel model;
    private final Runnable quit;

    @FXML
    private VBox stepsBox;
    @FXML
    private Label failureLabel;
    @FXML
    private Label hintLabel;
    @FXML
    private Button quitButton;

    public StartupController(StartupViewModel model, Runnable quit) {
        this.model = model;
        this.quit = quit;
    }

    @FXML
    private void initialize() {
        model.rows().addListener((ListChangeListener<StartupViewModel.StepRow>) c -> showRows());
        showRows();
        failureLabel.textProperty().bind(model.failureProperty());
        failureLabel.visibleProperty().bind(model.failureProperty().isNotEmpty());
        failureLabel.managedProperty().bind(failureLabel.visibleProperty());
        quitButton.visibleProperty().bind(model.currentProperty().isEqualTo(LifecycleStep.FAILED));
        quitButton.managedProperty().bind(quitButton.visibleProperty());
        hintLabel.visibleProperty().bind(quitButton.visibleProperty());
        hintLabel.managedProperty().bind(hintLabel.visibleProperty());
    }

    private void showRows() {
        stepsBox.getChildren().clear();
        for (StartupViewModel.StepRow r : model.rows()) {
            HBox row = new HBox(10);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("step-row");
            Label name = new Label(r.step().label() + (r.detail().isEmpty() ? "" : "  ·  " + r.detail()));
            switch (r.state()) {
                case DONE -> {
                    row.getStyleClass().add("step-done");
                    row.getChildren().add(new FontIcon("mdi2c-check-circle"));
                    row.getChildren().add(name);
                }
                case CURRENT -> {
                    row.getStyleClass().add("step-current");
                    ProgressIndicator spinner = new ProgressIndicator(-1);
                    spinner.setPrefSize(16, 16);
                    row.getChildren().addAll(spinner, name);
                    if (r.progress() >= 0) {
                        ProgressBar bar = new ProgressBar(r.progress());
                        bar.setPrefWidth(PROGRESS_BAR_WIDTH);
                        row.getChildren().add(bar);
                    }
                }
                case FAILED -> {
                    row.getStyleClass().add("step-failed");
                    row.getChildren().addAll(new FontIcon("mdi2c-close-circle"), name);
                }
                case PENDING -> {
                    row.getStyleClass().add("step-pending");
                    name.getStyleClass().add("step-pending");
                    row.getChildren().addAll(new FontIcon("mdi2c-circle-outline"), name);
                }
            }
            stepsBox.getChildren().add(row);
        }
    }

    @FXML
    private void quit() {
        quit.run();
    }
}
