package org.peerchain.ui.firstrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.WalletService;
import org.peerchain.ui.firstrun.CreateWalletViewModel.Step;
import org.peerchain.ui.fx.FxDispatcher;

/** Making a wallet through the view-model, on a real regtest node, its commands run in place. */
@Timeout(120)
class CreateWalletViewModelTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    private Node node;
    private WalletService wallet;
    private final AtomicInteger ready = new AtomicInteger();
    private CreateWalletViewModel model;

    @BeforeEach
    void start() throws Exception {
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
        wallet = node.services().wallet();
        model = new CreateWalletViewModel(wallet, new FxDispatcher(Runnable::run), Runnable::run, new Random(7),
                ready::incrementAndGet);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private void typePassword(String first, String second) {
        model.password().setFirst(first.toCharArray());
        model.password().setSecond(second.toCharArray());
    }

    private void createWallet() {
        typePassword(new String(PASSWORD), new String(PASSWORD));
        model.create();
        assertEquals(Step.WORDS, model.stepProperty().get(), model.errorProperty().get());
    }

    @Test
    void mismatchedOrShortPasswordsAreRefusedInWordsAndNothingIsMade() {
        typePassword("horse battery staple", "horse battery stapler");
        model.create();
        assertEquals(PasswordChoice.MISMATCH, model.errorProperty().get());
        typePassword("short", "short");
        model.create();
        assertEquals(PasswordChoice.TOO_SHORT, model.errorProperty().get());
        assertEquals(Step.PASSWORD, model.stepProperty().get());
        assertFalse(wallet.state().exists());
    }

    @Test
    void aCreatedWalletShowsItsWordsOnceAndIsLocked() {
        createWallet();
        assertEquals(WalletService.RECOVERY_WORDS, model.words().size());
        assertTrue(wallet.state().exists());
        assertTrue(wallet.state().locked());
        assertTrue(wallet.checkRecoveryWords(model.words()).valid());
        assertFalse(model.password().filledProperty().get(), "the password is wiped once used");
    }

    @Test
    void theConfirmationAsksFourWordsInOrderAmongDecoysAndRefusesAWrongOne() {
        createWallet();
        List<String> words = List.copyOf(model.words());
        model.startConfirmation();
        assertEquals(Step.WORDS, model.stepProperty().get(), "not before the words are said to be written down");
        model.writtenDownProperty().set(true);
        model.startConfirmation();
        assertEquals(Step.CONFIRM, model.stepProperty().get());

        // the words can be seen again until the first answer
        model.showWordsAgain();
        assertEquals(Step.WORDS, model.stepProperty().get());
        model.startConfirmation();

        List<Integer> asked = new ArrayList<>();
        boolean refusedOnce = false;
        while (model.stepProperty().get() == Step.CONFIRM) {
            int position = Integer.parseInt(model.questionProperty().get().substring("Word #".length()));
            String right = words.get(position - 1);
            List<String> choices = List.copyOf(model.choices());
            assertEquals(CreateWalletViewModel.CHOICES, new HashSet<>(choices).size());
            assertTrue(choices.contains(right));
            assertEquals(choices.stream().sorted().toList(), choices, "choices in alphabetical order");
            if (!refusedOnce) {
                String wrong = choices.stream().filter(c -> !c.equals(right)).findFirst().orElseThrow();
                model.choose(wrong);
                assertEquals("\"" + wrong + "\" is not word #" + position
                        + ". Look at the words you wrote down and choose again.", model.answerMessageProperty().get());
                assertEquals("Word #" + position, model.questionProperty().get(), "the same question again");
                assertTrue(model.words().isEmpty(), "the words are gone from the first answer on");
                model.showWordsAgain();
                assertEquals(Step.CONFIRM, model.stepProperty().get(), "no going back once answering started");
                refusedOnce = true;
            }
            asked.add(position);
            model.choose(right);
        }
        assertEquals(CreateWalletViewModel.CONFIRMED_WORDS, asked.size());
        assertEquals(asked.stream().sorted().distinct().toList(), asked, "positions asked in order");
        assertEquals(Step.DONE, model.stepProperty().get());
        assertEquals("", model.answerMessageProperty().get());
        assertEquals(0, ready.get());
        model.finish();
        assertEquals(1, ready.get());
    }

    @Test
    void aSecondWalletIsRefusedWithTheServicesReason() {
        createWallet();
        CreateWalletViewModel again = new CreateWalletViewModel(wallet, new FxDispatcher(Runnable::run),
                Runnable::run, new Random(1), () -> { });
        again.password().setFirst(PASSWORD);
        again.password().setSecond(PASSWORD);
        again.create();
        assertEquals(Step.PASSWORD, again.stepProperty().get());
        assertTrue(again.errorProperty().get().startsWith("The wallet could not be made: This node has a wallet"),
                again.errorProperty().get());
        assertNotEquals(true, again.busyProperty().get());
    }
}
