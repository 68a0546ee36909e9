package org.peerchain.ui.transactions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.peerchain.core.Hash;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.ReceiveAddress;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.node.api.WalletTransactionRow;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;

/**
 * The Transactions screen's state and commands: the wallet's whole history as rows updated in place by the wallet's
 * events, filtered by text (label, txid, address) and state and sorted as the table asks, labels edited in place,
 * details in the explorer and the CSV export. The history is read on the command executor, never the FX thread.
 */
public final class TransactionsViewModel {
    static final String NO_WALLET = "There is no wallet yet: make one to see its transactions.";
    static final String NO_TRANSACTIONS = "No transactions yet. Payments to your Receive addresses and blocks you mine"
            + " show here.";
    static final String NOTHING_MATCHES = "No transaction matches the filter.";

    private final NodeServices node;
    private final FxDispatcher dispatcher;
    private final Navigator navigator;
    private final Executor commands;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AtomicBoolean addressReadQueued = new AtomicBoolean();

    /** The sorted and filtered views watch the label, state and height of each row: they can move or hide it. */
    private final ObservableList<TransactionRow> rows = FXCollections.observableArrayList(TransactionRow::sortKeys);
    private final FilteredList<TransactionRow> filtered = new FilteredList<>(rows);
    private final SortedList<TransactionRow> sorted = new SortedList<>(filtered);
    private final Map<Hash, TransactionRow> byTxid = new HashMap<>();
    /** Our addresses each transaction pays, lower case and joined, for the filter. */
    private Map<Hash, String> addressesByTxid = Map.of();
    /** Events that came while the history was being read: applied after it, for the transactions it lacks. */
    private List<WalletTransactionRow> arrivedWhileLoading = new ArrayList<>();

    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<StateFilter> stateFilter = new SimpleObjectProperty<>(StateFilter.ALL);
    private final ReadOnlyBooleanWrapper walletMissing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(NO_TRANSACTIONS);
    private int tipHeight = -1;

    /**
     * @param commands where wallet calls and the export run: a background thread in the app (never the FX thread)
     */
    public TransactionsViewModel(NodeServices node, FxDispatcher dispatcher, Navigator navigator, Executor commands) {
        this.node = node;
        this.dispatcher = dispatcher;
        this.navigator = navigator;
        this.commands = commands;
        filterText.addListener((o, was, now) -> refilter());
        stateFilter.addListener((o, was, now) -> refilter());
        rows.addListener((javafx.collections.ListChangeListener<TransactionRow>) c -> updateSummary());
        filtered.addListener((javafx.collections.ListChangeListener<TransactionRow>) c -> updateSummary());
    }

    private WalletService wallet() {
        return node.wallet();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Subscribes to the wallet's events, then reads the whole history off the FX thread. */
    public void activate() {
        subscriptions.add(node.subscribe(WalletEvent.class, this::onWalletEvent));
        load();
    }

    public void deactivate() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    private void onWalletEvent(WalletEvent e) {
        if (e instanceof WalletEvent.TransactionChanged c) {
            post("tx:" + c.transaction().txid().toHex(), () -> apply(c.transaction()));
            if (c.added()) {
                queueAddressRead();
            }
        } else if (e instanceof WalletEvent.ConfirmationsAdvanced a) {
            post("tip", () -> advanceTo(a.height()));
        } else if (e instanceof WalletEvent.Loaded) {
            post("loaded", this::load);
        }
    }

    private void load() {
        loading.set(true);
        arrivedWhileLoading = new ArrayList<>();
        commands.execute(() -> {
            if (!wallet().state().exists()) {
                post("load", () -> {
                    loading.set(false);
                    walletMissing.set(true);
                });
                return;
            }
            try {
                int tip = wallet().state().height();
                List<WalletTransactionRow> history = wallet().history();
                Map<Hash, String> addresses = addressesByTxid(wallet().receiveAddresses(0));
                post("load", () -> show(history, addresses, tip));
            } catch (WalletServiceException e) {
                post("load", () -> {
                    loading.set(false);
                    walletMissing.set(e.reason() == WalletServiceException.Reason.NO_WALLET);
                    message.set("The history could not be read: " + e.getMessage());
                });
            }
        });
    }

    /** A new transaction may pay one of our addresses: one read of them for a burst of payments. */
    private void queueAddressRead() {
        if (addressReadQueued.compareAndSet(false, true)) {
            commands.execute(() -> {
                addressReadQueued.set(false);
                try {
                    Map<Hash, String> addresses = addressesByTxid(wallet().receiveAddresses(0));
                    post("addresses", () -> {
                        addressesByTxid = addresses;
                        for (TransactionRow row : rows) {
                            row.setAddresses(addresses.getOrDefault(row.txid(), ""));
                        }
                        refilter();
                    });
                } catch (WalletServiceException e) {
                    // The rows stay; only finding them by address waits for the next read.
                }
            });
        }
    }

    private static Map<Hash, String> addressesByTxid(List<ReceiveAddress> addresses) {
        Map<Hash, String> joined = new HashMap<>();
        for (ReceiveAddress a : addresses) {
            String lower = a.address().toLowerCase(Locale.ROOT);
            for (Hash txid : a.txids()) {
                joined.merge(txid, lower, (x, y) -> x + " " + y);
            }
        }
        return joined;
    }

    // ------------------------------------------------------------------ updates (FX thread)

    private void show(List<WalletTransactionRow> history, Map<Hash, String> addresses, int tip) {
        tipHeight = tip;
        addressesByTxid = addresses;
        byTxid.clear();
        List<TransactionRow> fresh = new ArrayList<>(history.size());
        for (WalletTransactionRow r : history) {
            TransactionRow row = new TransactionRow(r);
            row.setAddresses(addresses.getOrDefault(r.txid(), ""));
            byTxid.put(r.txid(), row);
            fresh.add(row);
        }
        rows.setAll(fresh);
        walletMissing.set(false);
        loading.set(false);
        List<WalletTransactionRow> late = arrivedWhileLoading;
        arrivedWhileLoading = new ArrayList<>();
        for (WalletTransactionRow r : late) {
            if (!byTxid.containsKey(r.txid())) {
                apply(r);
            }
        }
        advanceTo(tip);
    }

    /** A transaction new to the wallet goes in; a known one changes in place. */
    private void apply(WalletTransactionRow r) {
        if (loading.get()) {
            arrivedWhileLoading.add(r);
            return;
        }
        if (r.height() >= 0) {
            tipHeight = Math.max(tipHeight, r.height() + r.confirmations() - 1);
        }
        TransactionRow row = byTxid.get(r.txid());
        if (row == null) {
            row = new TransactionRow(r);
            row.setAddresses(addressesByTxid.getOrDefault(r.txid(), ""));
            byTxid.put(r.txid(), row);
            rows.add(0, row);
        } else {
            row.update(r, tipHeight);
        }
    }

    private void advanceTo(int height) {
        tipHeight = Math.max(tipHeight, height);
        for (TransactionRow row : rows) {
            row.advanceTo(tipHeight);
        }
    }

    private void refilter() {
        String needle = filterText.get().strip().toLowerCase(Locale.ROOT);
        StateFilter state = stateFilter.get() == null ? StateFilter.ALL : stateFilter.get();
        filtered.setPredicate(needle.isEmpty() && state == StateFilter.ALL ? null
                : row -> state.admits(row.state()) && row.mentions(needle));
    }

    private void updateSummary() {
        int all = rows.size();
        int shown = filtered.size();
        String count = Formats.count(all) + (all == 1 ? " transaction" : " transactions");
        summary.set(shown == all ? count : Formats.count(shown) + " of " + count);
        emptyText.set(all == 0 ? NO_TRANSACTIONS : NOTHING_MATCHES);
    }

    private void post(String name, Runnable update) {
        dispatcher.post(FxDispatcher.key(this, name), update);
    }

    // ------------------------------------------------------------------ commands

    /**
     * Labels a transaction in place; an empty label shows its address's label again. A refusal is said in words and
     * the label as it was comes back.
     */
    public void setLabel(TransactionRow row, String text) {
        String typed = text == null ? "" : text.strip();
        if (typed.equals(row.label())) {
            return;
        }
        String previous = row.label();
        row.setLabel(typed);
        commands.execute(() -> {
            try {
                wallet().setTransactionLabel(row.txid(), typed);
                WalletTransactionRow now = wallet().transaction(row.txid()).orElse(null);
                post("label:" + row.txidHex(), () -> {
                    if (now != null) {
                        row.update(now, tipHeight);
                    }
                    message.set(typed.isEmpty() ? "Label removed." : "Label saved.");
                });
            } catch (WalletServiceException e) {
                post("label:" + row.txidHex(), () -> {
                    row.setLabel(previous);
                    message.set("The label was not saved: " + e.getMessage());
                });
            }
        });
    }

    /** Opens the transaction in the explorer. */
    public void showDetails(TransactionRow row) {
        if (row != null) {
            navigator.explore(row.txidHex());
        }
    }

    /** Writes the rows shown, in the order shown, to {@code file} as CSV; the outcome is said in words. */
    public void exportCsv(Path file) {
        List<CsvExport.Line> lines = sorted.stream().map(CsvExport.Line::of).toList();
        int all = rows.size();
        message.set("Saving " + Formats.count(lines.size()) + " transactions…");
        commands.execute(() -> {
            try {
                CsvExport.write(file, lines);
                String what = Formats.count(lines.size()) + (lines.size() == 1 ? " transaction" : " transactions")
                        + (lines.size() < all ? " (those the filter shows)" : "");
                post("export", () -> message.set("Saved " + what + " to " + file.toAbsolutePath()));
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                post("export", () -> message.set("The transactions were not saved to " + file + ": " + reason));
            }
        });
    }

    // ------------------------------------------------------------------ state

    /** Rows as the table shows them: bind its comparator to {@link SortedList#comparatorProperty()}. */
    public SortedList<TransactionRow> rows() {
        return sorted;
    }

    /** Every row, unfiltered, newest first as read. */
    ObservableList<TransactionRow> allRows() {
        return rows;
    }

    /** Text to find in a label, txid or address. */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<StateFilter> stateFilterProperty() {
        return stateFilter;
    }

    public ReadOnlyBooleanProperty walletMissingProperty() {
        return walletMissing.getReadOnlyProperty();
    }

    /** The history is being read. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** "1,204 transactions", or "12 of 1,204 transactions" when filtered. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The last command's outcome in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What an empty table says: nothing yet, or nothing matching. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }
}
