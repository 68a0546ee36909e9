package org.peerchain.ui.transactions;

import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.peerchain.core.Hash;
import org.peerchain.node.api.WalletTransactionRow;
import org.peerchain.node.api.WalletTxState;
import org.peerchain.ui.fx.Formats;

/**
 * One transaction in the table, updated in place as it confirms, matures or is relabelled, so that a new block
 * changes cells, not the list.
 */
public final class TransactionRow {
    private final Hash txid;
    private final String txidHex;
    private final long time;
    private final long amount;
    private final long fee;
    private final boolean coinbase;
    private final int maturesAtHeight;
    private final ReadOnlyIntegerWrapper height = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper confirmations = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<WalletTxState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper();
    /** Our addresses it pays, lower case and joined, for the filter box. */
    private String addresses = "";

    TransactionRow(WalletTransactionRow r) {
        this.txid = r.txid();
        this.txidHex = r.txid().toHex();
        this.time = r.time();
        this.amount = r.amount();
        this.fee = r.fee();
        this.coinbase = r.coinbase();
        this.maturesAtHeight = r.maturesAtHeight();
        update(r, r.height() >= 0 ? r.height() + r.confirmations() - 1 : -1);
    }

    /** What the table's sorted and filtered views watch: a change to one of these can move the row or hide it. */
    Observable[] sortKeys() {
        return new Observable[] {label, state, height};
    }

    /** Takes what the wallet now says about this transaction, at tip {@code tipHeight}. */
    void update(WalletTransactionRow r, int tipHeight) {
        height.set(r.height());
        confirmations.set(r.confirmations());
        label.set(r.label() == null ? "" : r.label());
        state.set(r.state());
        stateText.set(describe(tipHeight));
    }

    /** A new tip: one more confirmation a block, and a block reward matures at its height. */
    void advanceTo(int tipHeight) {
        if (height.get() >= 0 && state.get() != WalletTxState.CONFLICTED) {
            confirmations.set(tipHeight - height.get() + 1);
            if (state.get() == WalletTxState.IMMATURE && tipHeight >= maturesAtHeight) {
                state.set(WalletTxState.MINED);
            }
        }
        stateText.set(describe(tipHeight));
    }

    void setLabel(String text) {
        label.set(text);
    }

    void setAddresses(String joined) {
        addresses = joined;
    }

    /** Whether {@code needle} (lower case) is in its label, txid or one of our addresses it pays. */
    boolean mentions(String needle) {
        return needle.isEmpty() || label.get().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || txidHex.contains(needle) || addresses.contains(needle);
    }

    private String describe(int tipHeight) {
        return switch (state.get()) {
            case PENDING -> "Pending";
            case CONFIRMED -> "Confirmed";
            case MINED -> "Mined";
            case IMMATURE -> {
                int left = Math.max(1, maturesAtHeight - tipHeight);
                yield "Immature, " + Formats.count(left) + (left == 1 ? " block" : " blocks") + " to go";
            }
            case CONFLICTED -> "Conflicted";
        };
    }

    public Hash txid() {
        return txid;
    }

    public String txidHex() {
        return txidHex;
    }

    /** Epoch seconds: when the wallet first saw it, or its block's time. */
    public long time() {
        return time;
    }

    /** The change to the balance in base units, the fee included: negative for a send. */
    public long amount() {
        return amount;
    }

    /** What we paid in fees; 0 when it was not ours to pay. */
    public long fee() {
        return fee;
    }

    public boolean coinbase() {
        return coinbase;
    }

    public ReadOnlyIntegerProperty heightProperty() {
        return height.getReadOnlyProperty();
    }

    /** 0 pending, negative conflicted. */
    public ReadOnlyIntegerProperty confirmationsProperty() {
        return confirmations.getReadOnlyProperty();
    }

    public int confirmations() {
        return confirmations.get();
    }

    public ReadOnlyStringProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    public String label() {
        return label.get();
    }

    public ReadOnlyObjectProperty<WalletTxState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public WalletTxState state() {
        return state.get();
    }

    /** The state in words: "Pending", "Immature, 12 blocks to go" ... */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public String stateText() {
        return stateText.get();
    }
}
