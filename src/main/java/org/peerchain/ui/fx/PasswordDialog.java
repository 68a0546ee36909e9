package org.peerchain.ui.fx;

import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for the wallet's password in a modal dialog owned by the window. The password comes back as a {@code char[]}
 * that the caller clears after use; the field is emptied as soon as it has been read, and never reaches a string
 * property. Ask again with the problem in words after a wrong password ("The wallet password is not right.").
 */
public final class PasswordDialog {
    private final Window owner;
    private final String title;
    private final String message;
    private final String actionText;

    /**
     * @param message what the password is for, in words ("The wallet is locked: its password signs this send.")
     * @param actionText the button that goes ahead ("Unlock and send")
     */
    public PasswordDialog(Window owner, String title, String message, String actionText) {
        this.owner = owner;
        this.title = title;
        this.message = message;
        this.actionText = actionText;
    }

    /**
     * Shows the dialog and waits (on the FX thread, in a nested event loop) for the user.
     *
     * @param problem what was wrong with the last try, shown above the field; empty for none
     * @return the password typed, or empty when the user cancelled
     */
    public Optional<char[]> ask(String problem) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        ButtonType go = new ButtonType(actionText, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        dialog.getDialogPane().setId("passwordDialog");

        Label text = new Label(message);
        text.setWrapText(true);
        Label problemLabel = new Label(problem);
        problemLabel.setId("passwordProblem");
        problemLabel.setWrapText(true);
        problemLabel.setStyle("-fx-text-fill: -color-danger-fg;");
        problemLabel.setVisible(!problem.isEmpty());
        problemLabel.setManaged(!problem.isEmpty());
        PasswordField field = new PasswordField();
        field.setId("passwordField");
        field.setPromptText("Wallet password");
        dialog.getDialogPane().lookupButton(go).disableProperty().bind(field.textProperty().isEmpty());
        VBox content = new VBox(10, text, problemLabel, field);
        content.setPrefWidth(380);
        dialog.getDialogPane().setContent(content);
        Platform.runLater(field::requestFocus);

        Optional<ButtonType> answer = dialog.showAndWait();
        CharSequence typed = field.getCharacters();
        char[] password = new char[typed.length()];
        for (int i = 0; i < password.length; i++) {
            password[i] = typed.charAt(i);
        }
        field.clear();
        if (answer.isPresent() && answer.get() == go) {
            return Optional.of(password);
        }
        java.util.Arrays.fill(password, '\0');
        return Optional.empty();
    }
}
