package org.peerchain.ui.firstrun;

import java.util.Arrays;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A new wallet password typed twice, as create and restore both ask it: the strength hint (bar, level word and
 * reason) and whether the two match. The password is kept as {@code char[]} copies, wiped when replaced or cleared;
 * no property ever holds it.
 */
public final class PasswordChoice {
    static final String TOO_SHORT = "The password needs at least " + PasswordStrength.MIN_LENGTH + " characters.";
    static final String MISMATCH = "The two passwords are not the same: type the same password in both fields.";

    private char[] first = new char[0];
    private char[] second = new char[0];
    private final ReadOnlyDoubleWrapper strengthFraction = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper strengthText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper strengthLevel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mismatch = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper filled = new ReadOnlyBooleanWrapper();

    /** The first field changed; {@code password} is copied, the caller may wipe its array. */
    public void setFirst(char[] password) {
        Arrays.fill(first, '\0');
        first = password.clone();
        PasswordStrength s = PasswordStrength.of(first);
        strengthFraction.set(first.length == 0 ? 0 : s.fraction());
        strengthText.set(first.length == 0 ? "" : s.description());
        strengthLevel.set(first.length == 0 ? "" : s.level().word());
        update();
    }

    /** The second field changed. */
    public void setSecond(char[] password) {
        Arrays.fill(second, '\0');
        second = password.clone();
        update();
    }

    private void update() {
        filled.set(first.length > 0 && second.length > 0);
        // Said while typing only once the second is as long as the first: a half-typed repeat is no mistake yet.
        mismatch.set(second.length >= first.length && second.length > 0 && !Arrays.equals(first, second)
                ? MISMATCH : "");
    }

    /** Why the password cannot be used, in words; empty when it can. */
    public Optional<String> problem() {
        if (first.length < PasswordStrength.MIN_LENGTH) {
            return Optional.of(TOO_SHORT);
        }
        if (!Arrays.equals(first, second)) {
            return Optional.of(MISMATCH);
        }
        return Optional.empty();
    }

    /** A copy of the password for the service, which wipes it. */
    public char[] password() {
        return first.clone();
    }

    /** Wipes both copies. */
    public void clear() {
        setFirst(new char[0]);
        setSecond(new char[0]);
    }

    public ReadOnlyDoubleProperty strengthFractionProperty() {
        return strengthFraction.getReadOnlyProperty();
    }

    /** "Fair: make it longer: ...", empty before anything is typed. */
    public ReadOnlyStringProperty strengthTextProperty() {
        return strengthText.getReadOnlyProperty();
    }

    /** weak, fair or strong (a style class), empty before anything is typed. */
    public ReadOnlyStringProperty strengthLevelProperty() {
        return strengthLevel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mismatchProperty() {
        return mismatch.getReadOnlyProperty();
    }

    /** Both fields hold something. */
    public ReadOnlyBooleanProperty filledProperty() {
        return filled.getReadOnlyProperty();
    }
}
