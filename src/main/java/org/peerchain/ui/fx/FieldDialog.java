package org.peerchain.ui.fx;

import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The shape of the window's one-field dialogs (the password, a payout address): a title, a sentence saying what the
 * field is for, what was wrong with the last try in red, the field with the focus, and an action that waits for the
 * field to be filled.
 */
public final class FieldDialog {
    private FieldDialog() {
    }

    /**
     * A dialog owned by {@code owner} with {@code buttons}, the first of them the action enabled only once
     * {@code field} holds something.
     *
     * @param problem what was wrong with the last try; empty for none
     * @param ids the dialog pane's id and the problem label's id, for tests
     */
    public static Dialog<ButtonType> create(Window owner, String title, String message, String problem,
            TextInputControl field, double width, String[] ids, ButtonType... buttons) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().setId(ids[0]);
        dialog.getDialogPane().getButtonTypes().addAll(buttons);
        dialog.getDialogPane().lookupButton(buttons[0]).disableProperty().bind(field.textProperty().isEmpty());

        Label text = new Label(message);
        text.setWrapText(true);
        Label problemLabel = new Label(problem);
        problemLabel.setId(ids[1]);
        problemLabel.setWrapText(true);
        problemLabel.setStyle("-fx-text-fill: -color-danger-fg;");
        problemLabel.setVisible(!problem.isEmpty());
        problemLabel.setManaged(!problem.isEmpty());
        VBox content = new VBox(10, text, problemLabel, field);
        content.setPrefWidth(width);
        dialog.getDialogPane().setContent(content);
        Platform.runLater(field::requestFocus);
        return dialog;
    }
}
