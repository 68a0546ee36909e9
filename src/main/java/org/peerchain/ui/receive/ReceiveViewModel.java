package org.peerchain.ui.receive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.ReceiveAddress;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.node.api.WalletState;
import org.peerchain.ui.fx.AmountParser;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The Receive screen's state and commands: the address shown (a fresh one, or an earlier one chosen from the list)
 * with the label and amount typed for it, the payment request they make, and the earlier addresses with what each
 * received. Wallet calls run on the command executor and report back through the dispatcher.
 */
public final class ReceiveViewModel {
    /** Payments still pending count in the totals: the confirmations column says how settled they are. */
    static final int COUNT_FROM_CONFIRMATIONS = 0;
    static final String NO_WALLET = "There is no wallet yet: make one to receive coins.";

    private final NodeServices node;
    private final FxDispatcher dispatcher;
    private final Executor commands;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AtomicBoolean reloadQueued = new AtomicBoolean();

    private final ReadOnlyBooleanWrapper walletMissing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper("");
    private final StringProperty label = new SimpleStringProperty("");
    private final StringProperty amountText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper amountError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper uri = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ObservableList<ReceiveAddressRow> addresses = FXCollections.observableArrayList();
    private final Map<String, ReceiveAddressRow> byAddress = new HashMap<>();
    /** The label the shown address has in the wallet, to tell a typed change from one already saved. */
    private String savedLabel = "";

    /**
     * @param commands where wallet calls run: a background thread in the app (never the FX thread), direct in unit
     *        tests
     */
    public ReceiveViewModel(NodeServices node, FxDispatcher dispatcher, Executor commands) {
        this.node = node;
        this.dispatcher = dispatcher;
        this.commands = commands;
        label.addListener((o, was, now) -> updateUri());
        amountText.addListener((o, was, now) -> updateUri());
    }

    private WalletService wallet() {
        return node.wallet();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Subscribes to the wallet's events, then reads the addresses (off the FX thread). */
    public void activate() {
        subscriptions.add(node.subscribe(WalletEvent.class, this::onWalletEvent));
        commands.execute(this::load);
    }

    public void deactivate() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    private void onWalletEvent(WalletEvent e) {
        if (e instanceof WalletEvent.AddressAdded a) {
            post("address:" + a.address().address(), () -> upsert(a.address()));
        } else if (e instanceof WalletEvent.TransactionChanged || e instanceof WalletEvent.ConfirmationsAdvanced) {
            queueReload();
        } else if (e instanceof WalletEvent.Loaded) {
            commands.execute(this::load);
        }
    }

    /** Totals change with payments and blocks: one read of the list for a burst of them. */
    private void queueReload() {
        if (reloadQueued.compareAndSet(false, true)) {
            commands.execute(() -> {
                reloadQueued.set(false);
                try {
                    List<ReceiveAddress> list = wallet().receiveAddresses(COUNT_FROM_CONFIRMATIONS);
                    post("addresses", () -> showAddresses(list));
                } catch (WalletServiceException e) {
                    post("problem", () -> problem.set("The addresses could not be read: " + e.getMessage()));
                }
            });
        }
    }

    /** Reads the wallet's addresses and shows the newest unused one, or a fresh one when all have been paid. */
    private void load() {
        WalletState state = wallet().state();
        if (!state.exists()) {
            post("load", () -> walletMissing.set(true));
            return;
        }
        try {
            List<ReceiveAddress> list = wallet().receiveAddresses(COUNT_FROM_CONFIRMATIONS);
            ReceiveAddress unused = null;
            for (ReceiveAddress a : list) {
                if (a.transactions() == 0) {
                    unused = a;
                }
            }
            ReceiveAddress shown = unused != null ? unused : wallet().newAddress("");
            List<ReceiveAddress> all = unused != null ? list : wallet().receiveAddresses(COUNT_FROM_CONFIRMATIONS);
            post("load", () -> {
                walletMissing.set(false);
                problem.set("");
                showAddresses(all);
                if (address.get().isEmpty()) {
                    show(shown.address(), shown.label());
                }
            });
        } catch (WalletServiceException e) {
            post("load", () -> {
                walletMissing.set(e.reason() == WalletServiceException.Reason.NO_WALLET);
                problem.set(e.reason() == WalletServiceException.Reason.NO_WALLET ? ""
                        : "The wallet's addresses could not be read: " + e.getMessage());
            });
        }
    }

    // ------------------------------------------------------------------ updates (FX thread)

    private void showAddresses(List<ReceiveAddress> list) {
        for (ReceiveAddress a : list) {
            upsert(a);
        }
    }

    /** Newest first: a new address goes to the top, a known one is updated where it is. */
    private void upsert(ReceiveAddress a) {
        ReceiveAddressRow row = byAddress.get(a.address());
        if (row == null) {
            row = new ReceiveAddressRow(a);
            byAddress.put(a.address(), row);
            addresses.add(0, row);
        } else {
            row.update(a);
        }
        if (a.address().equals(address.get()) && label.get().equals(savedLabel)) {
            savedLabel = a.label();
            label.set(a.label());
        }
    }

    private void show(String shownAddress, String shownLabel) {
        savedLabel = shownLabel;
        address.set(shownAddress);
        label.set(shownLabel);
        amountText.set("");
        updateUri();
    }

    private void updateUri() {
        if (address.get().isEmpty()) {
            uri.set("");
            return;
        }
        OptionalLong amount = OptionalLong.empty();
        String typed = amountText.get().strip();
        if (typed.isEmpty()) {
            amountError.set("");
        } else {
            try {
                amount = OptionalLong.of(AmountParser.parsePositive(typed));
                amountError.set("");
            } catch (IllegalArgumentException e) {
                amountError.set("Amount: " + e.getMessage());
            }
        }
        uri.set(new PaymentUri(address.get(), amount, label.get().strip()).format());
    }

    private void post(String name, Runnable update) {
        dispatcher.post(FxDispatcher.key(this, name), update);
    }

    // ------------------------------------------------------------------ commands

    /** Hands out a fresh address with the label typed now (saved with it), and shows it. */
    public void newAddress() {
        if (busy.get() || walletMissing.get()) {
            return;
        }
        busy.set(true);
        String wanted = savedLabel.equals(label.get().strip()) ? "" : label.get().strip();
        commands.execute(() -> {
            try {
                ReceiveAddress a = wallet().newAddress(wanted);
                post("new", () -> {
                    busy.set(false);
                    upsert(a);
                    show(a.address(), a.label());
                    message.set("A new address" + (a.label().isEmpty() ? "" : " for " + a.label()) + " is ready.");
                });
            } catch (WalletServiceException e) {
                post("new", () -> {
                    busy.set(false);
                    message.set(e.reason() == WalletServiceException.Reason.KEYPOOL_EXHAUSTED
                            ? "No new address: every address made while the wallet was unlocked is in use. Unlock it"
                                    + " (the lock on the status bar) to make more."
                            : "No new address: " + e.getMessage());
                });
            }
        });
    }

    /** Shows an earlier address with its label, for another payment to it. */
    public void show(ReceiveAddressRow row) {
        if (row != null && !row.address().equals(address.get())) {
            show(row.address(), row.label());
            message.set("");
        }
    }

    /** Saves the label typed for the shown address, when it changed. */
    public void saveLabel() {
        String typed = label.get().strip();
        ReceiveAddressRow row = byAddress.get(address.get());
        if (!address.get().isEmpty() && !typed.equals(savedLabel)) {
            String previous = savedLabel;
            savedLabel = typed;
            relabel(address.get(), row, typed, previous);
        }
    }

    /** Renames an address of the list in place; a failure is said in words and the old label comes back. */
    public void relabel(ReceiveAddressRow row, String text) {
        String typed = text == null ? "" : text.strip();
        if (!typed.equals(row.label())) {
            String previous = row.label();
            if (row.address().equals(address.get())) {
                savedLabel = typed;
                label.set(typed);
            }
            relabel(row.address(), row, typed, previous);
        }
    }

    private void relabel(String target, ReceiveAddressRow row, String typed, String previous) {
        if (row != null) {
            row.setLabel(typed);
        }
        commands.execute(() -> {
            try {
                wallet().setAddressLabel(target, typed);
                post("label:" + target, () -> message.set(typed.isEmpty() ? "Label removed." : "Label saved."));
            } catch (WalletServiceException e) {
                post("label:" + target, () -> {
                    if (row != null) {
                        row.setLabel(previous);
                    }
                    if (target.equals(address.get())) {
                        savedLabel = previous;
                        label.set(previous);
                    }
                    message.set("The label was not saved: " + e.getMessage());
                });
            }
        });
    }

    /** Says that the controller put something on the clipboard. */
    public void copied(String what) {
        message.set(what + " copied to the clipboard.");
    }

    // ------------------------------------------------------------------ state

    /** The data directory has no wallet: the screen offers to make one. */
    public ReadOnlyBooleanProperty walletMissingProperty() {
        return walletMissing.getReadOnlyProperty();
    }

    /** A new address is being made. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The address shown; empty until the wallet is read. */
    public ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    /** The label typed for the shown address; saved by {@link #saveLabel()}. */
    public StringProperty labelProperty() {
        return label;
    }

    /** The amount typed, in coins; empty for any amount. */
    public StringProperty amountTextProperty() {
        return amountText;
    }

    /** What is wrong with the amount typed, in words; empty when nothing is. */
    public ReadOnlyStringProperty amountErrorProperty() {
        return amountError.getReadOnlyProperty();
    }

    /** The payment request the QR code shows: address, amount (when valid) and label. */
    public ReadOnlyStringProperty uriProperty() {
        return uri.getReadOnlyProperty();
    }

    /** The last command's outcome in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the addresses cannot be shown, in words; empty when nothing is wrong. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Earlier receive addresses, newest first. */
    public ObservableList<ReceiveAddressRow> addresses() {
        return addresses;
    }
}
