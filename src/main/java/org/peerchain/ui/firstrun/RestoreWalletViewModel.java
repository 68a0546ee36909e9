package org.peerchain.ui.firstrun;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.RecoveryWordsCheck;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.WalletBalance;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * Restoring a wallet from its 24 words: each word checked against the list as it is typed (with completions), the
 * checksum checked once all are in, 24 pasted words spread over the fields, a new password twice and the optional
 * passphrase; then the scan of the chain with its progress, and what was found.
 */
public final class RestoreWalletViewModel {
    public static final int WORDS = WalletService.RECOVERY_WORDS;
    /** Completions offered for a typed start. */
    public static final int MAX_COMPLETIONS = 8;
    /** BIP39 words are unique in their first four letters: so many letters of a word name it. */
    static final int UNIQUE_PREFIX = 4;

    public enum Step { WORDS, SCANNING, DONE }

    /** A field's word: nothing yet, the start of a list word, a list word, or nothing of the list. */
    public enum WordState { EMPTY, PARTIAL, VALID, UNKNOWN }

    private final NodeServices node;
    private final FxDispatcher dispatcher;
    private final Executor commands;
    private final Runnable onReady;

    private final List<StringProperty> words = new ArrayList<>();
    private final List<ReadOnlyObjectWrapper<WordState>> states = new ArrayList<>();
    private final ReadOnlyStringWrapper wordsProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper wordsFit = new ReadOnlyBooleanWrapper();
    private final PasswordChoice password = new PasswordChoice();
    private final StringProperty passphrase = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.WORDS);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper foundText = new ReadOnlyStringWrapper("");

    private List<String> wordList = List.of();
    private Set<String> known = Set.of();
    /** Bumped by every change of the words: a checksum answer for older words is dropped. */
    private long wordsVersion;
    private Subscription scanSubscription;

    /**
     * @param commands where the service is called: a background thread in the app, direct in unit tests
     * @param onReady called when the restored wallet is open and the user goes on
     */
    public RestoreWalletViewModel(NodeServices node, FxDispatcher dispatcher, Executor commands, Runnable onReady) {
        this.node = node;
        this.dispatcher = dispatcher;
        this.commands = commands;
        this.onReady = onReady;
        for (int i = 0; i < WORDS; i++) {
            words.add(new SimpleStringProperty(""));
            states.add(new ReadOnlyObjectWrapper<>(WordState.EMPTY));
        }
        commands.execute(() -> {
            List<String> list = node.wallet().recoveryWordList();
            dispatcher.post(FxDispatcher.key(this, "list"), () -> {
                wordList = list;
                known = new HashSet<>(list);
                for (int i = 0; i < WORDS; i++) {
                    states.get(i).set(stateOf(words.get(i).get()));
                }
                wordsChanged();
            });
        });
    }

    private FxDispatcher.Key key(String name) {
        return FxDispatcher.key(this, name);
    }

    // ------------------------------------------------------------------ the words

    /**
     * What the user typed or pasted into field {@code index} (0 to 23). Text of several words (a pasted phrase) is
     * spread over this field and the ones after it.
     */
    public void type(int index, String text) {
        String[] parts = normalised(text).split("\\s+");
        if (parts.length > 1) {
            for (int i = 0; i < parts.length && index + i < WORDS; i++) {
                setWord(index + i, parts[i]);
            }
        } else {
            setWord(index, parts[0]);
        }
        wordsChanged();
    }

    /** The user left field {@code index}: the start of a single list word is completed to it. */
    public void leave(int index) {
        String w = words.get(index).get();
        if (w.length() >= UNIQUE_PREFIX && !known.contains(w)) {
            List<String> c = completions(w);
            if (c.size() == 1) {
                setWord(index, c.get(0));
                wordsChanged();
            }
        }
    }

    private static String normalised(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    private void setWord(int index, String word) {
        words.get(index).set(word);
        states.get(index).set(stateOf(word));
    }

    private WordState stateOf(String word) {
        if (word.isEmpty()) {
            return WordState.EMPTY;
        }
        if (known.isEmpty()) {
            return WordState.PARTIAL; // the list is not here yet
        }
        if (known.contains(word)) {
            return WordState.VALID;
        }
        return completions(word).isEmpty() ? WordState.UNKNOWN : WordState.PARTIAL;
    }

    /** Up to {@link #MAX_COMPLETIONS} list words starting with {@code typed}. */
    public List<String> completions(String typed) {
        String t = normalised(typed);
        if (t.isEmpty()) {
            return List.of();
        }
        int from = Collections.binarySearch(wordList, t);
        List<String> found = new ArrayList<>();
        for (int i = from >= 0 ? from : -from - 1; i < wordList.size() && found.size() < MAX_COMPLETIONS; i++) {
            if (!wordList.get(i).startsWith(t)) {
                break;
            }
            found.add(wordList.get(i));
        }
        return found;
    }

    private void wordsChanged() {
        long version = ++wordsVersion;
        wordsFit.set(false);
        for (int i = 0; i < WORDS; i++) {
            if (states.get(i).get() == WordState.UNKNOWN) {
                wordsProblem.set("Word #" + (i + 1) + " is not in the word list.");
                return;
            }
        }
        if (states.stream().anyMatch(s -> s.get() != WordState.VALID)) {
            wordsProblem.set("");
            return;
        }
        List<String> typed = typedWords();
        commands.execute(() -> {
            RecoveryWordsCheck check = node.wallet().checkRecoveryWords(typed);
            dispatcher.post(key("check"), () -> {
                if (version == wordsVersion) {
                    wordsFit.set(check.valid());
                    wordsProblem.set(check.problem().orElse(""));
                }
            });
        });
    }

    private List<String> typedWords() {
        return words.stream().map(StringProperty::get).toList();
    }

    // ------------------------------------------------------------------ restoring

    /** Makes the wallet from the words and scans the chain for its coins, off the FX thread. */
    public void restore() {
        if (step.get() != Step.WORDS) {
            return;
        }
        for (int i = 0; i < WORDS; i++) {
            WordState s = states.get(i).get();
            if (s != WordState.VALID) {
                error.set(s == WordState.EMPTY ? "Word #" + (i + 1) + " is missing."
                        : "Word #" + (i + 1) + " is not a word of the list" + (s == WordState.PARTIAL
                                ? ": finish it or choose it from the suggestions." : "."));
                return;
            }
        }
        if (!wordsFit.get()) {
            error.set(wordsProblem.get().isEmpty() ? "The words are still being checked." : wordsProblem.get());
            return;
        }
        var problem = password.problem();
        if (problem.isPresent()) {
            error.set(problem.get());
            return;
        }
        error.set("");
        step.set(Step.SCANNING);
        progress.set(0);
        progressText.set("Making the wallet…");
        followScan();
        char[] pw = password.password();
        List<String> typed = typedWords();
        String phrase = passphrase.get() == null ? "" : passphrase.get();
        commands.execute(() -> {
            try {
                node.wallet().restore(typed, phrase, pw).whenComplete((state, failure) -> {
                    if (failure != null) {
                        dispatcher.post(key("failed"), () -> failed(failure.getMessage()));
                        return;
                    }
                    try {
                        WalletBalance b = node.wallet().balance();
                        dispatcher.post(key("done"), () -> done(b));
                    } catch (WalletServiceException e) {
                        dispatcher.post(key("failed"), () -> failed(e.getMessage()));
                    }
                });
            } catch (WalletServiceException e) {
                dispatcher.post(key("failed"), () -> failed(e.getMessage()));
            }
        });
    }

    void showProgress(WalletEvent.RescanProgress p) {
        if (step.get() != Step.SCANNING) {
            return;
        }
        progress.set(p.fraction());
        progressText.set("Scanning the chain: " + Formats.count(p.height()) + " of " + Formats.count(p.tipHeight())
                + " blocks");
    }

    private void failed(String message) {
        closeScan();
        step.set(Step.WORDS);
        error.set("The wallet could not be restored: " + message);
    }

    private void done(WalletBalance b) {
        closeScan();
        password.clear();
        passphrase.set("");
        for (int i = 0; i < WORDS; i++) {
            setWord(i, "");
        }
        progress.set(1);
        progressText.set("The scan of the chain is done.");
        long total = b.spendable() + b.pending() + b.immature();
        foundText.set(total == 0 ? "No coins were found for these words yet: payments to them show as the node"
                + " learns of them." : "Found " + Formats.amount(total) + (b.immature() > 0
                        ? ", of which " + Formats.amount(b.immature()) + " mined and not yet spendable." : "."));
        step.set(Step.DONE);
    }

    private void closeScan() {
        if (scanSubscription != null) {
            scanSubscription.close();
            scanSubscription = null;
        }
    }

    /** The wallet is open: on to it. */
    public void finish() {
        if (step.get() == Step.DONE) {
            onReady.run();
        }
    }

    private void followScan() {
        if (scanSubscription == null) {
            scanSubscription = node.subscribe(WalletEvent.RescanProgress.class,
                    e -> dispatcher.post(key("progress"), () -> showProgress(e)));
        }
    }

    /** The screen is shown again: a scan still going on is followed again. */
    public void activate() {
        if (step.get() == Step.SCANNING) {
            followScan();
        }
    }

    /** The screen is hidden: no more scan events (the scan itself goes on in the node, and its end still shows). */
    public void deactivate() {
        closeScan();
    }

    /** Wipes the typed words and password (the user went back). */
    public void clear() {
        password.clear();
        for (int i = 0; i < WORDS; i++) {
            setWord(i, "");
        }
        wordsChanged();
        error.set("");
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyStringProperty wordProperty(int index) {
        return words.get(index);
    }

    public ReadOnlyObjectProperty<WordState> wordStateProperty(int index) {
        return states.get(index).getReadOnlyProperty();
    }

    /** Why the words cannot be used (an unknown word, a checksum that does not match); empty otherwise. */
    public ReadOnlyStringProperty wordsProblemProperty() {
        return wordsProblem.getReadOnlyProperty();
    }

    /** All 24 words are in the list and their checksum matches. */
    public ReadOnlyBooleanProperty wordsFitProperty() {
        return wordsFit.getReadOnlyProperty();
    }

    public PasswordChoice password() {
        return password;
    }

    public StringProperty passphraseProperty() {
        return passphrase;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "Scanning the chain: 3,000 of 10,000 blocks". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** What the scan found, in words. */
    public ReadOnlyStringProperty foundTextProperty() {
        return foundText.getReadOnlyProperty();
    }
}
