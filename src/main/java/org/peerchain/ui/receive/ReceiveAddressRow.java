package org.peerchain.ui.receive;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.peerchain.node.api.ReceiveAddress;

/** One earlier receive address in the list, updated in place as payments and labels change. */
public final class ReceiveAddressRow {
    private final String address;
    private final StringProperty label = new SimpleStringProperty();
    private final LongProperty received = new SimpleLongProperty();
    private final IntegerProperty confirmations = new SimpleIntegerProperty();
    private final IntegerProperty transactions = new SimpleIntegerProperty();

    ReceiveAddressRow(ReceiveAddress a) {
        this.address = a.address();
        update(a);
    }

    void update(ReceiveAddress a) {
        label.set(a.label());
        received.set(a.received());
        confirmations.set(a.confirmations());
        transactions.set(a.transactions());
    }

    void setLabel(String text) {
        label.set(text);
    }

    public String address() {
        return address;
    }

    public ReadOnlyStringProperty labelProperty() {
        return label;
    }

    public String label() {
        return label.get();
    }

    /** Base units received, pending payments included. */
    public ReadOnlyLongProperty receivedProperty() {
        return received;
    }

    /** Of the latest payment; 0 when it is pending or there is none. */
    public ReadOnlyIntegerProperty confirmationsProperty() {
        return confirmations;
    }

    public ReadOnlyIntegerProperty transactionsProperty() {
        return transactions;
    }
}
