package org.peerchain.ui.send;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One recipient of a send as the user types it: the address with what its check found, the amount as text with
 * what is wrong with it, and a label. The view-model owns the checks; a row only holds their results.
 */
public final class RecipientRow {
    /** Where the address's check stands, for the tick or the warning beside it. */
    public enum AddressState {
        EMPTY, CHECKING, VALID, MINE, PROBLEM
    }

    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty label = new SimpleStringProperty("");
    private final ObjectProperty<AddressState> addressState = new SimpleObjectProperty<>(AddressState.EMPTY);
    private final StringProperty addressStatus = new SimpleStringProperty("");
    private final StringProperty amountProblem = new SimpleStringProperty("");
    /** Counts edits of the address, so that a check of older text never overwrites a newer one's. */
    volatile long addressEdits;

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty amountProperty() {
        return amount;
    }

    public StringProperty labelProperty() {
        return label;
    }

    public ReadOnlyObjectProperty<AddressState> addressStateProperty() {
        return addressState;
    }

    /** The check's result in words: "Valid regtest address", "One of your addresses", or the problem. */
    public ReadOnlyStringProperty addressStatusProperty() {
        return addressStatus;
    }

    /** What is wrong with the amount, in words; empty when nothing is. */
    public ReadOnlyStringProperty amountProblemProperty() {
        return amountProblem;
    }

    public String address() {
        return address.get().strip();
    }

    void showAddress(AddressState state, String status) {
        addressState.set(state);
        addressStatus.set(status);
    }

    void showAmountProblem(String problem) {
        amountProblem.set(problem);
    }
}
