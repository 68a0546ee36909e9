package org.peerchain.ui.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peerchain.node.WalletCreation;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The Settings screen's wallet section: change the password, back up the keystore to a chosen file, show the
 * recovery words after the password, and the automatic lock time. Passwords arrive as {@code char[]} and are wiped
 * once used; the words are held only while shown and are dropped when the screen is hidden.
 */
public final class WalletSettingsViewModel {
    private final NodeServices node;
    private final FxDispatcher dispatcher;
    private final SettingsScreen.Host host;
    private final Executor commands;
    private final List<Subscription> subscriptions = new ArrayList<>();

    private final BooleanProperty walletExists = new SimpleBooleanProperty(true);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<Notice> passwordNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final ObjectProperty<Notice> backupNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final ObjectProperty<Notice> wordsNotice = new SimpleObjectProperty<>(Notice.NONE);
    private final ObservableList<String> words = FXCollections.observableArrayList();
    private final IntegerProperty autoLockMinutes = new SimpleIntegerProperty(AppSettings.DEFAULT_AUTO_LOCK_MINUTES);
    private final ObjectProperty<Notice> lockNotice = new SimpleObjectProperty<>(Notice.NONE);

    public WalletSettingsViewModel(NodeServices node, FxDispatcher dispatcher, SettingsScreen.Host host,
            Executor commands) {
        this.node = node;
        this.dispatcher = dispatcher;
        this.host = host;
        this.commands = commands;
    }

    public void activate() {
        autoLockMinutes.set(host.current().autoLockMinutes());
        subscriptions.add(node.subscribe(WalletEvent.Loaded.class,
                e -> dispatcher.post(FxDispatcher.key(this, "state"), () -> walletExists.set(e.state().exists()))));
        commands.execute(() -> {
            boolean exists = node.wallet().state().exists();
            dispatcher.post(FxDispatcher.key(this, "state"), () -> walletExists.set(exists));
        });
    }

    /** Drops the subscriptions and hides the words: they are not left on a screen nobody looks at. */
    public void deactivate() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        hideWords();
    }

    /** Opens the first run, for a node without a wallet. */
    public void createOrRestoreWallet() {
        host.createOrRestoreWallet();
    }

    /**
     * Changes the password: the new one typed twice must match and be long enough before the wallet is asked. All
     * three arrays are wiped.
     */
    public void changePassword(char[] old, char[] next, char[] again) {
        try {
            if (old.length == 0) {
                passwordNotice.set(Notice.problem("Type the current password."));
                return;
            }
            if (!Arrays.equals(next, again)) {
                passwordNotice.set(Notice.problem("The new passwords differ: type the same one twice."));
                return;
            }
            if (next.length < WalletCreation.MIN_PASSWORD_LENGTH) {
                passwordNotice.set(Notice.problem("The new password has " + next.length + " characters; it needs at least "
                        + WalletCreation.MIN_PASSWORD_LENGTH + "."));
                return;
            }
        } finally {
            Arrays.fill(again, '\0');
        }
        char[] oldCopy = old.clone();
        char[] nextCopy = next.clone();
        Arrays.fill(old, '\0');
        Arrays.fill(next, '\0');
        run(passwordNotice, "Changing the password…", () -> {
            try {
                node.wallet().changePassword(oldCopy, nextCopy);
                return Notice.done("Password changed: unlock with the new one from now on. Backups made before keep"
                        + " the old password.");
            } finally {
                Arrays.fill(oldCopy, '\0');
                Arrays.fill(nextCopy, '\0');
            }
        });
    }

    /** Writes an encrypted copy of the keystore to {@code file}, chosen by the user. */
    public void backup(Path file) {
        run(backupNotice, "Backing up…", () -> {
            Path written = node.wallet().backup(file);
            return Notice.done("Backed up to " + written + ". The copy is encrypted: it opens with the wallet's"
                    + " password, and the recovery words restore the wallet without it.");
        });
    }

    /** Shows the recovery words once the password is right; the password array is wiped. */
    public void showWords(char[] password) {
        if (password.length == 0) {
            wordsNotice.set(Notice.problem("Type the wallet's password to see its recovery words."));
            return;
        }
        char[] copy = password.clone();
        Arrays.fill(password, '\0');
        busy.set(true);
        wordsNotice.set(Notice.working("Checking the password…"));
        commands.execute(() -> {
            List<String> shown = List.of();
            Notice outcome;
            try {
                shown = node.wallet().recoveryWords(copy);
                outcome = Notice.done("Write these " + shown.size() + " words down in order and keep them offline:"
                        + " anyone who has them has the coins.");
            } catch (WalletServiceException e) {
                outcome = Notice.problem(e.getMessage());
            } finally {
                Arrays.fill(copy, '\0');
            }
            List<String> result = shown;
            Notice said = outcome;
            dispatcher.post(FxDispatcher.key(this, "words"), () -> {
                busy.set(false);
                words.setAll(result);
                wordsNotice.set(said);
            });
        });
    }

    public void hideWords() {
        words.clear();
        if (!wordsNotice.get().problem()) {
            wordsNotice.set(Notice.NONE);
        }
    }

    /** Keeps the idle time after which the wallet locks itself ({@link AppSettings#NEVER_LOCK}: never). */
    public void setAutoLockMinutes(int minutes) {
        if (!AppSettings.AUTO_LOCK_CHOICES.contains(minutes)) {
            lockNotice.set(Notice.problem("Lock after: choose one of " + AppSettings.AUTO_LOCK_CHOICES.stream()
                    .map(Formats::lockAfter).toList() + "."));
            return;
        }
        autoLockMinutes.set(minutes);
        host.save(host.current().withAutoLockMinutes(minutes));
        lockNotice.set(Notice.done(minutes == AppSettings.NEVER_LOCK ? "No automatic lock: once unlocked, the wallet stays so until you lock it (at most 12 hours)."
                : "The wallet locks itself after " + Formats.lockAfter(minutes) + " without use, from now on."));
    }

    /** Work on the wallet that ends in a notice: run in the background, its error message said in words. */
    private interface WalletWork {
        Notice run() throws WalletServiceException;
    }

    private void run(ObjectProperty<Notice> notice, String working, WalletWork work) {
        busy.set(true);
        notice.set(Notice.working(working));
        Object key = FxDispatcher.key(this, working);
        commands.execute(() -> {
            Notice outcome;
            try {
                outcome = work.run();
            } catch (WalletServiceException e) {
                outcome = Notice.problem(e.getMessage());
            }
            Notice said = outcome;
            dispatcher.post(key, () -> {
                busy.set(false);
                notice.set(said);
            });
        });
    }

    public BooleanProperty walletExists() {
        return walletExists;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public ObjectProperty<Notice> passwordNotice() {
        return passwordNotice;
    }

    public ObjectProperty<Notice> backupNotice() {
        return backupNotice;
    }

    public ObjectProperty<Notice> wordsNotice() {
        return wordsNotice;
    }

    public ObservableList<String> words() {
        return words;
    }

    public IntegerProperty autoLockMinutes() {
        return autoLockMinutes;
    }

    public ObjectProperty<Notice> lockNotice() {
        return lockNotice;
    }
}
