package org.peerchain.ui.firstrun;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.TextFields;
import org.peerchain.ui.firstrun.RestoreWalletViewModel.Step;
import org.peerchain.ui.firstrun.RestoreWalletViewModel.WordState;

/** Wires the restore pages: the 24 word fields with completion, the password, the scan's progress, done. */
public final class RestoreWalletController {
    private static final String[] STATE_CLASSES = {"word-valid", "word-unknown"};
    private static final String COMPLETION_COLOURS = "-fx-color: -color-bg-default;"
            + " -fx-control-inner-background: -color-bg-default; -fx-selection-bar: -color-accent-subtle;"
            + " -fx-selection-bar-non-focused: -color-bg-subtle; -fx-accent: -color-accent-emphasis;";

    private final RestoreWalletViewModel model;
    private final Runnable back;
    private final List<TextField> fields = new ArrayList<>();

    @FXML
    private Button backButton;
    @FXML
    private VBox wordsPage;
    @FXML
    private GridPane wordFieldGrid;
    @FXML
    private Label wordsProblemLabel;
    @FXML
    private PasswordField restorePasswordField;
    @FXML
    private PasswordField restoreRepeatField;
    @FXML
    private ProgressBar restoreStrengthBar;
    @FXML
    private Label restoreStrengthLabel;
    @FXML
    private Label restoreMismatchLabel;
    @FXML
    private TextField restorePassphraseField;
    @FXML
    private Button restoreButton;
    @FXML
    private Label restoreError;
    @FXML
    private VBox scanningPage;
    @FXML
    private ProgressBar scanProgress;
    @FXML
    private Label progressLabel;
    @FXML
    private VBox restoredPage;
    @FXML
    private Label foundLabel;

    RestoreWalletController(RestoreWalletViewModel model, Runnable back) {
        this.model = model;
        this.back = back;
    }

    @FXML
    private void initialize() {
        show(wordsPage, Step.WORDS);
        show(scanningPage, Step.SCANNING);
        show(restoredPage, Step.DONE);
        backButton.visibleProperty().bind(Bindings.equal(model.stepProperty(), Step.WORDS));
        backButton.managedProperty().bind(backButton.visibleProperty());

        int rows = (RestoreWalletViewModel.WORDS + CreateWalletController.WORD_COLUMNS - 1)
                / CreateWalletController.WORD_COLUMNS;
        for (int i = 0; i < RestoreWalletViewModel.WORDS; i++) {
            // added in number order, so Tab goes from word 1 to word 24 down the columns
            wordFieldGrid.add(wordCell(i), i / rows, i % rows);
        }
        wordsProblemLabel.textProperty().bind(model.wordsProblemProperty());
        showMessage(wordsProblemLabel, model.wordsProblemProperty().isNotEmpty());

        PasswordForm.wire(model.password(), restorePasswordField, restoreRepeatField, restoreStrengthBar,
                restoreStrengthLabel, restoreMismatchLabel);
        restorePassphraseField.textProperty().bindBidirectional(model.passphraseProperty());
        restoreButton.disableProperty().bind(model.password().filledProperty().not());
        restoreError.textProperty().bind(model.errorProperty());
        showMessage(restoreError, model.errorProperty().isNotEmpty());
        model.stepProperty().addListener((obs, old, now) -> {
            if (now == Step.DONE) {
                PasswordForm.clear(restorePasswordField, restoreRepeatField);
            }
        });

        scanProgress.progressProperty().bind(model.progressProperty());
        progressLabel.textProperty().bind(model.progressTextProperty());
        foundLabel.textProperty().bind(model.foundTextProperty());
    }

    private HBox wordCell(int index) {
        Label number = new Label((index + 1) + ".");
        number.getStyleClass().add("word-number");
        TextField field = new TextField();
        field.setId("restoreWord" + (index + 1));
        field.getStyleClass().add("word-field");
        field.setPrefColumnCount(9);
        fields.add(field);
        field.textProperty().addListener((obs, old, now) -> {
            if (!now.equals(model.wordProperty(index).get())) {
                model.type(index, now);
            }
        });
        model.wordProperty(index).addListener((obs, old, now) -> {
            if (!now.equals(field.getText())) {
                field.setText(now);
            }
        });
        field.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                model.leave(index);
            }
        });
        model.wordStateProperty(index).addListener((obs, old, now) -> {
            field.getStyleClass().removeAll(STATE_CLASSES);
            if (now == WordState.VALID) {
                field.getStyleClass().add("word-valid");
            } else if (now == WordState.UNKNOWN) {
                field.getStyleClass().add("word-unknown");
            }
        });
        AutoCompletionBinding<String> completion = TextFields.bindAutoCompletion(field,
                request -> offered(request.getUserText()));
        // ControlsFX styles its popup with Modena's colour names, which AtlantaFX does not define: name them here.
        completion.getAutoCompletionPopup().setStyle(COMPLETION_COLOURS);
        HBox cell = new HBox(6, number, field);
        cell.getStyleClass().add("word-cell");
        return cell;
    }

    /** Completions worth a popup: none for a whole word that starts no other (a popup would only be in the way). */
    private List<String> offered(String typed) {
        List<String> c = model.completions(typed);
        return c.size() == 1 && c.get(0).equals(typed.strip()) ? List.of() : c;
    }

    private void show(Node page, Step step) {
        page.visibleProperty().bind(Bindings.equal(model.stepProperty(), step));
        page.managedProperty().bind(page.visibleProperty());
    }

    private static void showMessage(Label label, BooleanBinding when) {
        label.visibleProperty().bind(when);
        label.managedProperty().bind(when);
    }

    void focus() {
        fields.get(0).requestFocus();
    }

    @FXML
    private void back() {
        PasswordForm.clear(restorePasswordField, restoreRepeatField);
        model.clear();
        back.run();
    }

    @FXML
    private void restore() {
        model.restore();
    }

    @FXML
    private void finish() {
        model.finish();
    }
}
