package org.peerchain.ui.firstrun;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * Making a new wallet: a password typed twice (and an optional BIP39 passphrase), then the recovery words shown once,
 * then a few of them asked back in order, each picked among decoys from the word list. A wrong pick is refused and
 * asked again. The words can be shown again only until the first answer; from then on only the asked words are kept.
 * The wallet is locked once made.
 */
public final class CreateWalletViewModel {
    /** How many words the confirmation asks. */
    public static final int CONFIRMED_WORDS = 4;
    /** How many choices each question offers (the right word and decoys). */
    public static final int CHOICES = 4;

    public enum Step { PASSWORD, WORDS, CONFIRM, DONE }

    /** One question: the word at {@code position} (1 to 24). */
    record Question(int position, String word) {
    }

    private final WalletService wallet;
    private final FxDispatcher dispatcher;
    private final Executor commands;
    private final Random random;
    private final Runnable onReady;

    private final PasswordChoice password = new PasswordChoice();
    private final StringProperty passphrase = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.PASSWORD);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<String> words = FXCollections.observableArrayList();
    private final ObservableList<String> wordsView = FXCollections.unmodifiableObservableList(words);
    private final BooleanProperty writtenDown = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper questionNumber = new ReadOnlyIntegerWrapper();
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private final ObservableList<String> choicesView = FXCollections.unmodifiableObservableList(choices);
    private final ReadOnlyStringWrapper answerMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper confirmationStarted = new ReadOnlyBooleanWrapper();

    private List<String> wordList = List.of();
    private final List<Question> questions = new ArrayList<>();

    /**
     * @param commands where the service is called: a background thread in the app, direct in unit tests
     * @param random picks the asked positions and the decoys
     * @param onReady called when the words are confirmed and the user goes on
     */
    public CreateWalletViewModel(WalletService wallet, FxDispatcher dispatcher, Executor commands, Random random,
            Runnable onReady) {
        this.wallet = wallet;
        this.dispatcher = dispatcher;
        this.commands = commands;
        this.random = random;
        this.onReady = onReady;
    }

    private FxDispatcher.Key key(String name) {
        return FxDispatcher.key(this, name);
    }

    /** Makes the wallet, off the FX thread; refuses a short or mismatched password in words first. */
    public void create() {
        if (busy.get() || step.get() != Step.PASSWORD) {
            return;
        }
        var problem = password.problem();
        if (problem.isPresent()) {
            error.set(problem.get());
            return;
        }
        error.set("");
        busy.set(true);
        char[] pw = password.password();
        String phrase = passphrase.get() == null ? "" : passphrase.get();
        commands.execute(() -> {
            try {
                List<String> made = wallet.create(pw, phrase);
                if (!wallet.state().locked()) {
                    wallet.lock();
                }
                List<String> list = wallet.recoveryWordList();
                dispatcher.post(key("created"), () -> created(made, list));
            } catch (WalletServiceException e) {
                dispatcher.post(key("failed"), () -> {
                    busy.set(false);
                    error.set("The wallet could not be made: " + e.getMessage());
                });
            }
        });
    }

    private void created(List<String> made, List<String> list) {
        busy.set(false);
        password.clear();
        passphrase.set("");
        wordList = list;
        words.setAll(made);
        step.set(Step.WORDS);
    }

    /** From the words to the confirmation, once the user says they wrote them down. */
    public void startConfirmation() {
        if (step.get() != Step.WORDS || !writtenDown.get()) {
            return;
        }
        if (questions.isEmpty()) {
            TreeSet<Integer> positions = new TreeSet<>();
            while (positions.size() < CONFIRMED_WORDS) {
                positions.add(1 + random.nextInt(words.size()));
            }
            positions.forEach(p -> questions.add(new Question(p, words.get(p - 1))));
            ask(0);
        }
        step.set(Step.CONFIRM);
    }

    /** Back to the words: only before the first answer. */
    public void showWordsAgain() {
        if (step.get() == Step.CONFIRM && !confirmationStarted.get()) {
            answerMessage.set("");
            step.set(Step.WORDS);
        }
    }

    private void ask(int index) {
        Question q = questions.get(index);
        questionNumber.set(index + 1);
        question.set("Word #" + q.position());
        List<String> offered = new ArrayList<>();
        offered.add(q.word());
        while (offered.size() < CHOICES) {
            String decoy = wordList.get(random.nextInt(wordList.size()));
            if (!offered.contains(decoy)) {
                offered.add(decoy);
            }
        }
        Collections.sort(offered);
        choices.setAll(offered);
    }

    /** The user picked {@code word} for the current question. */
    public void choose(String word) {
        if (step.get() != Step.CONFIRM) {
            return;
        }
        if (!confirmationStarted.get()) {
            confirmationStarted.set(true);
            // Shown once: from the first answer on, only the asked words stay in memory.
            words.clear();
        }
        int index = questionNumber.get() - 1;
        Question q = questions.get(index);
        if (!q.word().equals(word)) {
            answerMessage.set("\"" + word + "\" is not word #" + q.position()
                    + ". Look at the words you wrote down and choose again.");
            return;
        }
        answerMessage.set("");
        if (index + 1 < questions.size()) {
            ask(index + 1);
        } else {
            questions.clear();
            choices.clear();
            question.set("");
            step.set(Step.DONE);
        }
    }

    /** The wallet is made and its words confirmed: on to it. */
    public void finish() {
        if (step.get() == Step.DONE) {
            onReady.run();
        }
    }

    /** Wipes what is kept of the password and the words (the screen is left). */
    public void clear() {
        password.clear();
        words.clear();
        questions.clear();
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

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The recovery words, in order, while they are shown. */
    public ObservableList<String> words() {
        return wordsView;
    }

    public BooleanProperty writtenDownProperty() {
        return writtenDown;
    }

    /** "Word #7". */
    public ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    /** 1 to {@link #CONFIRMED_WORDS}: which question this is. */
    public ReadOnlyIntegerProperty questionNumberProperty() {
        return questionNumber.getReadOnlyProperty();
    }

    /** The right word and decoys, in alphabetical order. */
    public ObservableList<String> choices() {
        return choicesView;
    }

    /** Why the last pick was refused; empty otherwise. */
    public ReadOnlyStringProperty answerMessageProperty() {
        return answerMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty confirmationStartedProperty() {
        return confirmationStarted.getReadOnlyProperty();
    }
}
