package org.peerchain.ui.fx;

import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
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
        PasswordField field = new PasswordField();
        field.setId("passwordField");
        field.setPromptText("Wallet password");
        ButtonType go = new ButtonType(actionText, ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> dialog = FieldDialog.create(owner, title, message, problem, field, 380,
                new String[] {"passwordDialog", "passwordProblem"}, go, ButtonType.CANCEL);

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
