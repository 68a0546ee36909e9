package org.peerchain.ui.firstrun;

import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;

/**
 * Wires a pair of password fields, their strength bar and labels to a {@link PasswordChoice}, for the create and
 * restore pages alike. The fields' text goes to the choice as {@code char[]}, never into a property of ours.
 */
final class PasswordForm {
    private static final String[] LEVELS = {"weak", "fair", "strong"};

    private PasswordForm() {
    }

    static void wire(PasswordChoice choice, PasswordField first, PasswordField second, ProgressBar bar,
            Label strength, Label mismatch) {
        first.textProperty().addListener((obs, old, now) -> choice.setFirst(charsOf(first)));
        second.textProperty().addListener((obs, old, now) -> choice.setSecond(charsOf(second)));
        bar.progressProperty().bind(choice.strengthFractionProperty());
        strength.textProperty().bind(choice.strengthTextProperty());
        mismatch.textProperty().bind(choice.mismatchProperty());
        for (Label l : new Label[] {strength, mismatch}) {
            // an empty line takes no room
            l.managedProperty().bind(l.textProperty().isNotEmpty());
            l.visibleProperty().bind(l.managedProperty());
        }
        choice.strengthLevelProperty().addListener((obs, old, now) -> {
            bar.getStyleClass().removeAll(LEVELS);
            strength.getStyleClass().removeAll(LEVELS);
            if (!now.isEmpty()) {
                bar.getStyleClass().add(now);
                strength.getStyleClass().add(now);
            }
        });
    }

    /** Empties both fields (and so the choice). */
    static void clear(PasswordField first, PasswordField second) {
        first.clear();
        second.clear();
    }

    private static char[] charsOf(PasswordField field) {
        CharSequence text = field.getCharacters();
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(i);
        }
        return chars;
    }
}
