package org.peerchain.ui.firstrun;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.peerchain.ui.firstrun.CreateWalletViewModel.Step;

/** Wires the create pages: password, the words shown once, their confirmation, done. */
public final class CreateWalletController {
    /** The words are shown in this many columns, numbered down each column as on a paper backup card. */
    static final int WORD_COLUMNS = 4;

    private final CreateWalletViewModel model;
    private final Runnable back;

    @FXML
    private Button backButton;
    @FXML
    private VBox passwordPage;
    @FXML
    private PasswordField passwordField;
    @FXML
    private PasswordField repeatField;
    @FXML
    private ProgressBar strengthBar;
    @FXML
    private Label strengthLabel;
    @FXML
    private Label mismatchLabel;
    @FXML
    private TextField passphraseField;
    @FXML
    private Button createButton;
    @FXML
    private ProgressIndicator createBusy;
    @FXML
    private Label createError;
    @FXML
    private VBox wordsPage;
    @FXML
    private GridPane wordGrid;
    @FXML
    private CheckBox writtenDownCheck;
    @FXML
    private Button nextButton;
    @FXML
    private VBox confirmPage;
    @FXML
    private Label questionLabel;
    @FXML
    private FlowPane choicePane;
    @FXML
    private Label answerMessage;
    @FXML
    private Button showAgainButton;
    @FXML
    private VBox donePage;

    CreateWalletController(CreateWalletViewModel model, Runnable back) {
        this.model = model;
        this.back = back;
    }

    @FXML
    private void initialize() {
        show(passwordPage, Step.PASSWORD);
        show(wordsPage, Step.WORDS);
        show(confirmPage, Step.CONFIRM);
        show(donePage, Step.DONE);
        backButton.visibleProperty().bind(Bindings.equal(model.stepProperty(), Step.PASSWORD));
        backButton.managedProperty().bind(backButton.visibleProperty());

        PasswordForm.wire(model.password(), passwordField, repeatField, strengthBar, strengthLabel, mismatchLabel);
        passphraseField.textProperty().bindBidirectional(model.passphraseProperty());
        createButton.disableProperty().bind(model.busyProperty().or(model.password().filledProperty().not()));
        createBusy.visibleProperty().bind(model.busyProperty());
        showMessage(createError, model.errorProperty().isNotEmpty());
        createError.textProperty().bind(model.errorProperty());
        model.stepProperty().addListener((obs, old, now) -> {
            if (old == Step.PASSWORD) {
                PasswordForm.clear(passwordField, repeatField);
            }
        });

        model.words().addListener((ListChangeListener<String>) c -> fillWords());
        writtenDownCheck.selectedProperty().bindBidirectional(model.writtenDownProperty());
        nextButton.disableProperty().bind(model.writtenDownProperty().not());

        questionLabel.textProperty().bind(Bindings.concat("Question ", model.questionNumberProperty(), " of ",
                CreateWalletViewModel.CONFIRMED_WORDS, ": ", model.questionProperty()));
        model.choices().addListener((ListChangeListener<String>) c -> fillChoices());
        answerMessage.textProperty().bind(model.answerMessageProperty());
        showMessage(answerMessage, model.answerMessageProperty().isNotEmpty());
        showAgainButton.disableProperty().bind(model.confirmationStartedProperty());
    }

    private void show(Node page, Step step) {
        page.visibleProperty().bind(Bindings.equal(model.stepProperty(), step));
        page.managedProperty().bind(page.visibleProperty());
    }

    private static void showMessage(Label label, BooleanBinding when) {
        label.visibleProperty().bind(when);
        label.managedProperty().bind(when);
    }

    private void fillWords() {
        wordGrid.getChildren().clear();
        int rows = (model.words().size() + WORD_COLUMNS - 1) / WORD_COLUMNS;
        for (int i = 0; i < model.words().size(); i++) {
            Label number = new Label((i + 1) + ".");
            number.getStyleClass().add("word-number");
            Label word = new Label(model.words().get(i));
            word.setId("word" + (i + 1));
            word.getStyleClass().add("recovery-word");
            HBox cell = new HBox(6, number, word);
            cell.getStyleClass().add("word-cell");
            wordGrid.add(cell, i / rows, i % rows);
        }
    }

    private void fillChoices() {
        choicePane.getChildren().clear();
        for (String word : model.choices()) {
            Button b = new Button(word);
            b.getStyleClass().add("word-choice");
            b.setOnAction(e -> model.choose(word));
            choicePane.getChildren().add(b);
        }
    }

    void focus() {
        passwordField.requestFocus();
    }

    @FXML
    private void back() {
        PasswordForm.clear(passwordField, repeatField);
        model.passphraseProperty().set("");
        back.run();
    }

    @FXML
    private void create() {
        model.create();
    }

    @FXML
    private void next() {
        model.startConfirmation();
    }

    @FXML
    private void showAgain() {
        model.showWordsAgain();
    }

    @FXML
    private void finish() {
        model.finish();
    }
}
