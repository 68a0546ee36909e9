package org.peerchain.ui.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.WalletService;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.wallet.Keystore;

/** The Settings screen's wallet section on a real regtest node with a real wallet, without a stage. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WalletSettingsViewModelTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a different good password";

    @TempDir
    Path dir;
    private Node node;
    private FileHost host;
    private WalletSettingsViewModel model;
    private List<String> createdWords;

    private void start(boolean withWallet) throws Exception {
        node = Node.start(NodeConfig.regtest(dir.resolve("node")).withRpcPort(NodeConfig.OFF));
        if (withWallet) {
            createdWords = node.services().wallet().create(PASSWORD.toCharArray(), "");
        }
        host = new FileHost(dir.resolve(SettingsFile.FILE_NAME));
        model = new WalletSettingsViewModel(node.services(), new FxDispatcher(Runnable::run), host, Runnable::run);
        model.activate();
    }

    @AfterEach
    void tearDown() {
        if (model != null) {
            model.deactivate();
        }
        if (node != null) {
            node.close();
        }
    }

    private WalletService wallet() {
        return node.services().wallet();
    }

    @Test
    void mismatchedShortOrWrongPasswordsAreRefusedInWordsAndTheRightOneChangesIt() throws Exception {
        start(true);
        char[] old = PASSWORD.toCharArray();
        char[] next = NEW_PASSWORD.toCharArray();
        char[] again = "a different good passwort".toCharArray();
        model.changePassword(old, next, again);
        assertEquals(Notice.problem("The new passwords differ: type the same one twice."), model.passwordNotice().get());
        assertArrayEquals(new char[again.length], again, "the typed password is wiped");

        model.changePassword(PASSWORD.toCharArray(), "short".toCharArray(), "short".toCharArray());
        assertEquals(Notice.problem("The new password has 5 characters; it needs at least 8."), model.passwordNotice().get());

        model.changePassword("not the password".toCharArray(), NEW_PASSWORD.toCharArray(), NEW_PASSWORD.toCharArray());
        assertEquals(Notice.problem("The wallet password is not right."), model.passwordNotice().get());

        old = PASSWORD.toCharArray();
        next = NEW_PASSWORD.toCharArray();
        model.changePassword(old, next, NEW_PASSWORD.toCharArray());
        assertFalse(model.passwordNotice().get().problem(), model.passwordNotice().get().text());
        assertTrue(model.passwordNotice().get().text().startsWith("Password changed"));
        assertArrayEquals(new char[old.length], old);
        assertArrayEquals(new char[next.length], next);
        assertFalse(model.busy().get());

        wallet().unlock(NEW_PASSWORD.toCharArray(), Duration.ofMinutes(1));
        assertFalse(wallet().state().locked(), "the new password unlocks the wallet");
    }

    @Test
    void aBackupIsWrittenToTheChosenFileAndOpensWithThePassword() throws Exception {
        start(true);
        Path chosen = dir.resolve("usb").resolve("my-wallet.keystore");
        Files.createDirectories(chosen.getParent());
        model.backup(chosen);
        assertFalse(model.backupNotice().get().problem(), model.backupNotice().get().text());
        assertTrue(model.backupNotice().get().text().startsWith("Backed up to " + chosen + "."),
                model.backupNotice().get().text());
        try (Keystore copy = Keystore.open(chosen, PASSWORD.toCharArray())) {
            assertEquals(createdWords, copy.recoveryWords(), "the copy is the same wallet, words and all");
        }

        model.backup(dir.resolve("no such folder").resolve("x").resolve("backup.keystore"));
        assertTrue(model.backupNotice().get().problem());
        assertTrue(model.backupNotice().get().text().startsWith("The backup failed: "), model.backupNotice().get().text());
    }

    @Test
    void theRecoveryWordsAreShownAfterTheRightPasswordAndEqualTheWordsCreateReturned() throws Exception {
        start(true);
        model.showWords("not the password".toCharArray());
        assertEquals(Notice.problem("The wallet password is not right."), model.wordsNotice().get());
        assertTrue(model.words().isEmpty());

        char[] password = PASSWORD.toCharArray();
        model.showWords(password);
        assertEquals(createdWords, model.words());
        assertArrayEquals(new char[password.length], password);
        assertTrue(model.wordsNotice().get().text().startsWith("Write these 24 words down"));

        model.deactivate();
        assertTrue(model.words().isEmpty(), "hiding the screen hides the words");
    }

    @Test
    void theAutomaticLockTimeIsOneOfTheChoicesAndPersists() throws Exception {
        start(true);
        assertEquals(AppSettings.DEFAULT_AUTO_LOCK_MINUTES, model.autoLockMinutes().get());
        model.setAutoLockMinutes(5);
        assertEquals(Notice.done("The wallet locks itself after 5 minutes without use, from now on."),
                model.lockNotice().get());
        model.setAutoLockMinutes(7);
        assertTrue(model.lockNotice().get().problem());
        model.setAutoLockMinutes(AppSettings.NEVER_LOCK);
        assertEquals(AppSettings.NEVER_LOCK, new SettingsFile(dir.resolve(SettingsFile.FILE_NAME)).load().settings()
                .autoLockMinutes());
    }

    @Test
    void withoutAWalletTheSectionSaysSoAndOffersTheFirstRun() throws Exception {
        start(false);
        assertFalse(model.walletExists().get());
        model.createOrRestoreWallet();
        assertEquals(1, host.firstRuns.get());
        wallet().create(PASSWORD.toCharArray(), "");
        assertTrue(model.walletExists().get(), "a wallet made meanwhile shows the wallet settings");
    }
}
