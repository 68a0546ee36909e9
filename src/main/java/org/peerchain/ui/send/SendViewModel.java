package org.peerchain.ui.send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peerchain.core.Hash;
import org.peerchain.core.OutPoint;
import org.peerchain.node.api.AddressCheck;
import org.peerchain.node.api.FeeEstimate;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.SendRequest;
import org.peerchain.node.api.SendReview;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.WalletCoin;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletLockedException;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.node.api.WalletState;
import org.peerchain.ui.fx.AmountParser;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.send.RecipientRow.AddressState;

/**
 * The Send screen's state and commands: the recipients as typed, each address checked a moment after typing stops,
 * amounts checked against what can be spent, the fee choices with the fee each costs this send, coin control, and
 * the review and confirm commands. Everything that asks the wallet runs on the background executor and reports back
 * through the dispatcher; the flow of dialogs around review and confirm is the controller's.
 */
public final class SendViewModel {
    /** A fee rate above this (base units per byte) is confirmed a second time: no send needs that much. */
    public static final long MAX_SANE_FEE_RATE = 1_000;
    /** A fee above this share of what the recipients get is confirmed a second time. */
    public static final double MAX_FEE_SHARE = 0.10;
    /** How long typing must pause before an address is checked or the fees are worked out again. */
    public static final Duration TYPING_PAUSE = Duration.ofMillis(150);
    static final String NO_WALLET = "There is no wallet yet. Make one, or restore yours from its recovery words, to"
            + " send coins.";

    private final NodeServices node;
    private final FxDispatcher dispatcher;
    private final Navigator navigator;
    private final Executor background;
    private final ScheduledExecutorService timer;
    private final Duration typingPause;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AtomicLong previewEdits = new AtomicLong();

    private final BooleanProperty walletMissing = new SimpleBooleanProperty();
    private final BooleanProperty locked = new SimpleBooleanProperty(true);
    private final LongProperty available = new SimpleLongProperty();
    private final StringProperty availableText = new SimpleStringProperty("");
    private final ObservableList<RecipientRow> recipients = FXCollections.observableArrayList();
    private final Map<FeePreset, Long> estimates = new EnumMap<>(FeePreset.class);
    private final Map<FeePreset, StringProperty> feeTexts = new EnumMap<>(FeePreset.class);
    private final ObjectProperty<FeePreset> preset = new SimpleObjectProperty<>(FeePreset.WITHIN_SIX_BLOCKS);
    private final StringProperty customRate = new SimpleStringProperty("");
    private final StringProperty customRateProblem = new SimpleStringProperty("");
    private final BooleanProperty subtractFee = new SimpleBooleanProperty();
    private final ObservableList<CoinRow> coins = FXCollections.observableArrayList();
    private final StringProperty coinSelection = new SimpleStringProperty("");
    private final StringProperty formProblem = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty outcome = new SimpleStringProperty("");
    private final ObjectProperty<Hash> sentTxid = new SimpleObjectProperty<>();

    /**
     * @param background where the wallet is asked: a background thread in the app, direct in unit tests
     * @param timer waits out {@code typingPause} before a check; {@code null} checks at once (unit tests)
     */
    public SendViewModel(NodeServices node, FxDispatcher dispatcher, Navigator navigator, Executor background,
            ScheduledExecutorService timer, Duration typingPause) {
        this.node = node;
        this.dispatcher = dispatcher;
        this.navigator = navigator;
        this.background = background;
        this.timer = timer;
        this.typingPause = typingPause;
        for (FeePreset p : FeePreset.values()) {
            feeTexts.put(p, new SimpleStringProperty(p.estimated() ? "estimating…" : ""));
        }
        preset.addListener((o, was, now) -> previewFees());
        customRate.addListener((o, was, now) -> {
            customRateProblem.set(now.isBlank() ? "" : customRateProblem(now));
            previewFees();
        });
        subtractFee.addListener((o, was, now) -> previewFees());
        addRecipient();
    }

    private WalletService wallet() {
        return node.wallet();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Follows the wallet's events and loads its coins, lock and the fee estimates. */
    public void activate() {
        subscriptions.add(node.subscribe(WalletEvent.class, e -> {
            if (e instanceof WalletEvent.LockChanged l) {
                dispatcher.post(FxDispatcher.key(this, "lock"), () -> locked.set(l.locked()));
            } else if (!(e instanceof WalletEvent.RescanProgress)) {
                dispatcher.post(FxDispatcher.key(this, "reload"), this::load);
            }
        }));
        load();
    }

    public void deactivate() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    /** Reads the wallet's state, coins and fee estimates off the FX thread. */
    void load() {
        background.execute(() -> {
            WalletState state = wallet().state();
            Map<FeePreset, Long> rates = new EnumMap<>(FeePreset.class);
            for (FeePreset p : FeePreset.values()) {
                if (p.estimated()) {
                    FeeEstimate e = wallet().estimateFee(p.targetBlocks());
                    rates.put(p, e.feeRate());
                }
            }
            List<WalletCoin> list = List.of();
            if (state.loaded()) {
                try {
                    list = wallet().coins();
                } catch (WalletServiceException e) {
                    String problem = "Cannot read the wallet's coins: " + e.getMessage();
                    dispatcher.post(FxDispatcher.key(this, "coins-problem"), () -> formProblem.set(problem));
                }
            }
            List<WalletCoin> found = list;
            dispatcher.post(FxDispatcher.key(this, "load"), () -> {
                walletMissing.set(!state.exists());
                locked.set(state.locked());
                estimates.putAll(rates);
                applyCoins(found);
            });
        });
    }

    private void applyCoins(List<WalletCoin> list) {
        Set<OutPoint> chosen = new LinkedHashSet<>(chosenCoins());
        List<CoinRow> rows = new ArrayList<>();
        for (WalletCoin c : list) {
            CoinRow row = new CoinRow(c, chosen.contains(c.outpoint()));
            row.chosenProperty().addListener((o, was, now) -> coinsChanged());
            rows.add(row);
        }
        coins.setAll(rows);
        coinsChanged();
    }

    private void coinsChanged() {
        List<CoinRow> chosen = coins.stream().filter(CoinRow::isChosen).toList();
        long chosenSum = chosen.stream().mapToLong(r -> r.coin().amount()).sum();
        if (chosen.isEmpty()) {
            available.set(coins.stream().map(CoinRow::coin).filter(c -> c.spendable() && !c.locked())
                    .mapToLong(WalletCoin::amount).sum());
            coinSelection.set("No coins chosen: the wallet chooses which to spend.");
            availableText.set(available.get() == 0 ? "Nothing to send yet: coins you receive or mine can be sent once"
                    + " they are confirmed (mined coins after 100 blocks)." : "You can spend " + Formats.amount(available.get()));
        } else {
            available.set(chosenSum);
            coinSelection.set(chosen.size() + (chosen.size() == 1 ? " coin" : " coins") + " chosen: "
                    + Formats.amount(chosenSum) + ". Only these are spent.");
            availableText.set("You can spend " + Formats.amount(chosenSum) + " from the chosen coins");
        }
        recipients.forEach(this::checkAmount);
        previewFees();
    }

    // ------------------------------------------------------------------ recipients

    public void addRecipient() {
        RecipientRow row = new RecipientRow();
        row.addressProperty().addListener((o, was, now) -> {
            addressEdited(row);
            previewFees();
        });
        row.amountProperty().addListener((o, was, now) -> {
            checkAmount(row);
            previewFees();
        });
        recipients.add(row);
    }

    /** Removes {@code row}; the last one left is emptied instead. */
    public void removeRecipient(RecipientRow row) {
        if (recipients.size() > 1) {
            recipients.remove(row);
            recipients.forEach(this::checkAmount);
            previewFees();
        } else {
            row.addressProperty().set("");
            row.amountProperty().set("");
            row.labelProperty().set("");
        }
    }

    private void addressEdited(RecipientRow row) {
        long edit = ++row.addressEdits;
        String text = row.address();
        if (text.isEmpty()) {
            row.showAddress(AddressState.EMPTY, "");
            return;
        }
        row.showAddress(AddressState.CHECKING, "Checking…");
        afterTyping(() -> {
            if (row.addressEdits != edit) {
                return;
            }
            AddressCheck check = wallet().checkAddress(text);
            dispatcher.post(FxDispatcher.key(row, "address"), () -> {
                if (row.addressEdits == edit) {
                    showCheck(row, check);
                }
            });
        });
    }

    private static void showCheck(RecipientRow row, AddressCheck check) {
        if (check.valid() && check.mine()) {
            row.showAddress(AddressState.MINE, "One of your addresses" + (check.label().isEmpty() ? ""
                    : " (" + check.label() + ")") + ": the coins come back to this wallet");
        } else if (check.valid()) {
            row.showAddress(AddressState.VALID, "A valid " + check.network() + " address");
        } else {
            row.showAddress(AddressState.PROBLEM, check.problem().orElse("Not a valid address."));
        }
    }

    private void checkAmount(RecipientRow row) {
        row.showAmountProblem(amountProblem(row.amountProperty().get(), false));
    }

    /** What is wrong with an amount as typed, in words; empty when nothing is (or it is blank and not yet needed). */
    private String amountProblem(String text, boolean required) {
        if (text.isBlank()) {
            return required ? "Amount: enter how much to send" : "";
        }
        long units;
        try {
            units = AmountParser.parse(text);
        } catch (IllegalArgumentException e) {
            return "Amount: " + e.getMessage();
        }
        if (units == 0) {
            return "Amount: must be above zero";
        }
        if (units > available.get()) {
            return "Amount: more than the " + Formats.amount(available.get()) + (chosenCoins().isEmpty()
                    ? " you can spend" : " the chosen coins hold");
        }
        return "";
    }

    /** The amount of a row as base units, or -1 when it is blank or wrong. */
    private static long amountOf(RecipientRow row) {
        try {
            return AmountParser.parse(row.amountProperty().get());
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /**
     * Fills {@code row} with the most it can send: what can be spent, less the other recipients' amounts and, unless
     * the fee comes out of the amounts, less the fee this send costs at the chosen rate.
     */
    public void max(RecipientRow row) {
        long others = recipients.stream().filter(r -> r != row).mapToLong(SendViewModel::amountOf)
                .filter(a -> a > 0).sum();
        long rest = available.get() - others;
        if (rest <= 0) {
            row.showAmountProblem("Amount: nothing is left for this recipient: the others take "
                    + Formats.amount(others) + " of the " + Formats.amount(available.get()) + " you can spend");
            return;
        }
        Optional<Long> rate = selectedRate();
        if (rate.isEmpty()) {
            formProblem.set(rateProblem());
            return;
        }
        // The fee depends on the number of inputs and outputs, not on whom they pay: a row without a valid
        // address yet is sized with one of our own.
        String standIn = coins.isEmpty() ? "" : coins.get(0).coin().address();
        List<SendRequest.Recipient> list = new ArrayList<>();
        for (RecipientRow r : recipients) {
            long amount = r == row ? rest : amountOf(r);
            if (amount > 0) {
                boolean valid = r.addressStateProperty().get() == AddressState.VALID
                        || r.addressStateProperty().get() == AddressState.MINE;
                list.add(new SendRequest.Recipient(valid ? r.address() : standIn, amount));
            }
        }
        SendRequest everything = new SendRequest(list, rate.get(), true, chosenCoins(), "");
        boolean feeFromAmount = subtractFee.get();
        background.execute(() -> {
            try {
                SendReview sweep = wallet().review(everything);
                long inputs = sweep.inputs().stream().mapToLong(SendReview.Input::amount).sum();
                long max = inputs - others - (feeFromAmount ? 0 : sweep.fee());
                dispatcher.post(FxDispatcher.key(this, "max"), () -> row.amountProperty().set(Formats.coins(max)));
            } catch (WalletServiceException e) {
                dispatcher.post(FxDispatcher.key(this, "max"), () -> row.showAmountProblem("Max: " + e.getMessage()));
            }
        });
    }

    // ------------------------------------------------------------------ fees

    /** The rate of the chosen fee preset or the custom rate typed, when there is one. */
    Optional<Long> selectedRate() {
        FeePreset p = preset.get();
        if (p.estimated()) {
            return Optional.ofNullable(estimates.get(p));
        }
        return customRateProblem(customRate.get()).isEmpty() ? Optional.of(Long.parseLong(customRate.get().strip()))
                : Optional.empty();
    }

    private String rateProblem() {
        return preset.get().estimated() ? "The fee estimate is not ready yet; try again in a moment."
                : customRateProblem(customRate.get());
    }

    private static String customRateProblem(String text) {
        String t = text.strip();
        if (!t.matches("\\d{1,12}") || Long.parseLong(t) == 0) {
            return "Custom fee rate: enter whole base units per byte above zero, like 12";
        }
        return "";
    }

    /** Works out, a moment after the form stops changing, what each fee choice costs this send. */
    private void previewFees() {
        long edit = previewEdits.incrementAndGet();
        Map<FeePreset, Long> rates = new EnumMap<>(estimates);
        if (customRateProblem(customRate.get()).isEmpty()) {
            rates.put(FeePreset.CUSTOM, Long.parseLong(customRate.get().strip()));
        }
        Optional<List<SendRequest.Recipient>> list = completeRecipients();
        showFees(rates, Map.of());
        if (list.isEmpty()) {
            return;
        }
        boolean subtract = subtractFee.get();
        List<OutPoint> chosen = chosenCoins();
        afterTyping(() -> {
            if (previewEdits.get() != edit) {
                return;
            }
            Map<FeePreset, Long> fees = new EnumMap<>(FeePreset.class);
            for (Map.Entry<FeePreset, Long> r : rates.entrySet()) {
                try {
                    fees.put(r.getKey(), wallet().review(new SendRequest(list.get(), r.getValue(), subtract, chosen, ""))
                            .fee());
                } catch (WalletServiceException e) {
                    // This rate cannot pay for the send (too little left for the fee): it shows its rate alone.
                }
            }
            dispatcher.post(FxDispatcher.key(this, "fees"), () -> {
                if (previewEdits.get() == edit) {
                    showFees(rates, fees);
                }
            });
        });
    }

    private void showFees(Map<FeePreset, Long> rates, Map<FeePreset, Long> fees) {
        for (FeePreset p : FeePreset.values()) {
            Long rate = rates.get(p);
            Long fee = fees.get(p);
            String text;
            if (rate == null) {
                text = p.estimated() ? "estimating…" : "";
            } else {
                text = Formats.feeRate(rate) + (fee == null ? "" : " · fee " + Formats.amount(fee));
            }
            feeTexts.get(p).set(p.estimated() ? text : fee == null ? "" : "fee " + Formats.amount(fee));
        }
    }

    /** Every recipient with a valid address and amount, or empty when any is not (yet). */
    private Optional<List<SendRequest.Recipient>> completeRecipients() {
        List<SendRequest.Recipient> list = new ArrayList<>();
        for (RecipientRow r : recipients) {
            AddressState s = r.addressStateProperty().get();
            long amount = amountOf(r);
            if ((s != AddressState.VALID && s != AddressState.MINE) || amount <= 0) {
                return Optional.empty();
            }
            list.add(new SendRequest.Recipient(r.address(), amount));
        }
        return Optional.of(list);
    }

    private List<OutPoint> chosenCoins() {
        return coins.stream().filter(CoinRow::isChosen).map(r -> r.coin().outpoint()).toList();
    }

    // ------------------------------------------------------------------ review and confirm

    /**
     * Checks the form and, when it is right, builds the send on the background executor and hands the review to
     * {@code onReady} on the FX thread. What is wrong is said in {@link #formProblemProperty()} and beside the fields.
     */
    public void review(Consumer<SendReview> onReady) {
        outcome.set("");
        sentTxid.set(null);
        Optional<SendRequest> request = request();
        if (request.isEmpty()) {
            return;
        }
        formProblem.set("");
        busy.set(true);
        background.execute(() -> {
            try {
                SendReview r = wallet().review(request.get());
                dispatcher.post(FxDispatcher.key(this, "review"), () -> {
                    busy.set(false);
                    onReady.accept(r);
                });
            } catch (WalletServiceException e) {
                dispatcher.post(FxDispatcher.key(this, "review"), () -> {
                    busy.set(false);
                    formProblem.set(e.getMessage());
                });
            }
        });
    }

    /** The send as the form says it, or empty with the first problem in words. */
    private Optional<SendRequest> request() {
        List<String> problems = new ArrayList<>();
        List<SendRequest.Recipient> list = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < recipients.size(); i++) {
            RecipientRow r = recipients.get(i);
            String who = recipients.size() > 1 ? "Recipient " + (i + 1) + ": " : "";
            if (r.address().isEmpty()) {
                r.showAddress(AddressState.PROBLEM, "Enter the address to pay.");
                problems.add(who + "Address: enter the address to pay");
            } else if (r.addressStateProperty().get() == AddressState.PROBLEM) {
                problems.add(who + r.addressStatusProperty().get());
            }
            String amountProblem = amountProblem(r.amountProperty().get(), true);
            r.showAmountProblem(amountProblem);
            if (!amountProblem.isEmpty()) {
                problems.add(who + amountProblem);
            } else {
                total += amountOf(r);
            }
            list.add(new SendRequest.Recipient(r.address(), Math.max(0, amountOf(r))));
        }
        if (problems.isEmpty() && total > available.get()) {
            problems.add("The recipients add up to " + Formats.amount(total) + ", more than the "
                    + Formats.amount(available.get()) + " you can spend.");
        }
        Optional<Long> rate = selectedRate();
        if (rate.isEmpty()) {
            problems.add(rateProblem());
        }
        if (!problems.isEmpty()) {
            formProblem.set(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
            return Optional.empty();
        }
        String label = String.join(", ", recipients.stream().map(r -> r.labelProperty().get().strip())
                .filter(l -> !l.isEmpty()).distinct().toList());
        return Optional.of(new SendRequest(list, rate.get(), subtractFee.get(), chosenCoins(), label));
    }

    /**
     * Why {@code review}'s fee deserves a second confirmation, in words: a rate above {@link #MAX_SANE_FEE_RATE}, or
     * a fee above {@link #MAX_FEE_SHARE} of what the recipients get. Empty when it looks sane.
     */
    public List<String> feeWarnings(SendReview review) {
        List<String> warnings = new ArrayList<>();
        if (review.feeRate() > MAX_SANE_FEE_RATE) {
            Long nextBlock = estimates.get(FeePreset.NEXT_BLOCK);
            warnings.add("The fee rate of " + Formats.feeRate(review.feeRate()) + " is above "
                    + Formats.feeRate(MAX_SANE_FEE_RATE) + ", far more than any send needs"
                    + (nextBlock == null ? "" : " (the next block takes " + Formats.feeRate(nextBlock) + ")") + ".");
        }
        if (review.fee() > review.paid() * MAX_FEE_SHARE) {
            warnings.add("The fee of " + Formats.amount(review.fee()) + " is more than " + Formats.percent(MAX_FEE_SHARE)
                    + " of the " + Formats.amount(review.paid()) + " the recipients get.");
        }
        return warnings;
    }

    /**
     * Signs and sends a reviewed send on the background executor ({@code password} only when the wallet is locked;
     * cleared afterwards) and hands the outcome to {@code done} on the FX thread. A sent transaction empties the
     * form; anything else keeps it as typed.
     */
    public void confirm(SendReview review, Optional<char[]> password, Consumer<SendOutcome> done) {
        busy.set(true);
        background.execute(() -> {
            SendOutcome result;
            try {
                Hash txid = wallet().confirm(review, password);
                result = new SendOutcome.Sent(txid, sentText(review, txid));
            } catch (WalletLockedException e) {
                result = new SendOutcome.PasswordNeeded();
            } catch (WalletServiceException e) {
                result = e.reason() == WalletServiceException.Reason.WRONG_PASSWORD
                        ? new SendOutcome.WrongPassword(e.getMessage())
                        : new SendOutcome.Failed("Nothing was sent: " + e.getMessage());
            } finally {
                password.ifPresent(p -> Arrays.fill(p, '\0'));
            }
            SendOutcome ended = result;
            dispatcher.post(FxDispatcher.key(this, "outcome"), () -> {
                busy.set(false);
                showOutcome(ended);
                done.accept(ended);
            });
        });
    }

    private void showOutcome(SendOutcome result) {
        if (result instanceof SendOutcome.Sent sent) {
            outcome.set(sent.text());
            sentTxid.set(sent.txid());
            formProblem.set("");
            recipients.clear();
            addRecipient();
            subtractFee.set(false);
            coins.forEach(c -> c.chosenProperty().set(false));
            load();
        } else if (result instanceof SendOutcome.Failed failed) {
            formProblem.set(failed.message());
        }
    }

    /** The user stepped back from a reviewed send. */
    public void cancelled() {
        outcome.set("Nothing was sent.");
    }

    private static String sentText(SendReview review, Hash txid) {
        List<SendReview.Output> paid = review.outputs().stream().filter(o -> !o.change()).toList();
        String to = paid.size() == 1 ? Formats.shortHash(paid.get(0).address()) : paid.size() + " recipients";
        return "Sent " + Formats.amount(review.paid()) + " to " + to + "; transaction "
                + Formats.shortHash(txid.toHex());
    }

    /** Opens the last sent transaction in the explorer. */
    public void exploreSent() {
        if (sentTxid.get() != null) {
            navigator.explore(sentTxid.get().toHex());
        }
    }

    private void afterTyping(Runnable work) {
        if (timer == null || typingPause.isZero()) {
            background.execute(work);
        } else {
            timer.schedule(() -> background.execute(work), typingPause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyBooleanProperty walletMissingProperty() {
        return walletMissing;
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked;
    }

    public boolean isLocked() {
        return locked.get();
    }

    public ReadOnlyLongProperty availableProperty() {
        return available;
    }

    public ReadOnlyStringProperty availableTextProperty() {
        return availableText;
    }

    public ObservableList<RecipientRow> recipients() {
        return recipients;
    }

    /** The rate and fee of {@code p} for this send: "12 units/B · fee 0.00002260 PCH". */
    public ReadOnlyStringProperty feeTextProperty(FeePreset p) {
        return feeTexts.get(p);
    }

    public ObjectProperty<FeePreset> presetProperty() {
        return preset;
    }

    public StringProperty customRateProperty() {
        return customRate;
    }

    public ReadOnlyStringProperty customRateProblemProperty() {
        return customRateProblem;
    }

    public BooleanProperty subtractFeeProperty() {
        return subtractFee;
    }

    public ObservableList<CoinRow> coins() {
        return coins;
    }

    public ReadOnlyStringProperty coinSelectionProperty() {
        return coinSelection;
    }

    public ReadOnlyStringProperty formProblemProperty() {
        return formProblem;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome;
    }

    public ReadOnlyObjectProperty<Hash> sentTxidProperty() {
        return sentTxid;
    }
}
