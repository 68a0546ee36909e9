package org.peerchain.ui.firstrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.testing.Await;
import org.peerchain.ui.firstrun.RestoreWalletViewModel.Step;
import org.peerchain.ui.firstrun.RestoreWalletViewModel.WordState;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;

/** Restoring through the view-model, on real regtest nodes, its commands run in place. */
@Timeout(120)
class RestoreWalletViewModelTest {
    /** BIP39's vector for 32 zero bytes: "abandon" 23 times and "art". */
    private static final List<String> ZERO_WORDS = zeroWords();

    @TempDir
    Path dir;
    @TempDir
    Path makerDir;

    private Node node;
    private final AtomicInteger ready = new AtomicInteger();
    private RestoreWalletViewModel model;

    private static List<String> zeroWords() {
        List<String> w = new java.util.ArrayList<>(Collections.nCopies(24, "abandon"));
        w.set(23, "art");
        return List.copyOf(w);
    }

    @BeforeEach
    void start() throws Exception {
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
        model = new RestoreWalletViewModel(node.services(), new FxDispatcher(Runnable::run), Runnable::run,
                ready::incrementAndGet);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private WordState state(int index) {
        return model.wordStateProperty(index).get();
    }

    @Test
    void eachWordIsJudgedAsItIsTypedAndAUniqueStartIsCompletedOnLeaving() {
        assertEquals(WordState.EMPTY, state(0));
        model.type(0, "aba");
        assertEquals(WordState.PARTIAL, state(0));
        assertEquals(List.of("abandon"), model.completions("aba"));
        model.type(0, "abandonx");
        assertEquals(WordState.UNKNOWN, state(0));
        assertEquals("Word #1 is not in the word list.", model.wordsProblemProperty().get());
        model.type(0, "Zoo ");
        assertEquals("zoo", model.wordProperty(0).get());
        assertEquals(WordState.VALID, state(0));
        assertEquals("", model.wordsProblemProperty().get());

        model.type(1, "acc");
        assertEquals(List.of("act", "action", "actor", "actress", "actual"), model.completions("act"));
        assertEquals(RestoreWalletViewModel.MAX_COMPLETIONS, model.completions("ac").size());
        model.leave(1);
        assertEquals("acc", model.wordProperty(1).get(), "several list words start so: nothing is chosen");
        model.type(1, "abst");
        model.leave(1);
        assertEquals("abstract", model.wordProperty(1).get());
        assertEquals(WordState.VALID, state(1));
    }

    @Test
    void twentyFourPastedWordsFillEveryFieldAndTheChecksumIsChecked() {
        model.type(0, String.join(" ", ZERO_WORDS));
        for (int i = 0; i < 24; i++) {
            assertEquals(ZERO_WORDS.get(i), model.wordProperty(i).get());
            assertEquals(WordState.VALID, state(i));
        }
        assertTrue(model.wordsFitProperty().get());

        model.type(23, "abandon");
        assertEquals("The words do not fit together: one is wrong or out of order.",
                model.wordsProblemProperty().get());
        model.password().setFirst("horse battery staple".toCharArray());
        model.password().setSecond("horse battery staple".toCharArray());
        model.restore();
        assertEquals("The words do not fit together: one is wrong or out of order.", model.errorProperty().get());
        assertEquals(Step.WORDS, model.stepProperty().get());
        assertTrue(!node.services().wallet().state().exists());
    }

    @Test
    void aMissingOrUnfinishedWordIsNamedWhenRestoring() {
        model.type(0, String.join(" ", ZERO_WORDS.subList(0, 23)));
        model.restore();
        assertEquals("Word #24 is missing.", model.errorProperty().get());
        model.type(23, "ar");
        model.restore();
        assertEquals("Word #24 is not a word of the list: finish it or choose it from the suggestions.",
                model.errorProperty().get());
    }

    @Test
    void knownWordsAreRestoredWithTheScansProgressAndTheirBalance() throws Exception {
        FundedWords funded = FundedWords.make(makerDir, node);
        model.type(0, String.join("  ", funded.words()));
        assertTrue(model.wordsFitProperty().get(), model.wordsProblemProperty().get());
        model.password().setFirst("another good password".toCharArray());
        model.password().setSecond("another good password".toCharArray());

        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        model.progressTextProperty().addListener((obs, old, now) -> said.add(now));

        model.restore();
        assertEquals("", model.errorProperty().get());
        Await.until(Duration.ofSeconds(60), "the restore to finish", () -> model.stepProperty().get() == Step.DONE);

        assertEquals(funded.balance(), node.services().wallet().balance());
        assertEquals("Found " + Formats.amount(funded.total()) + ", of which " + Formats.amount(funded.total())
                + " mined and not yet spendable.", model.foundTextProperty().get());
        assertEquals(1, model.progressProperty().get());
        assertTrue(said.contains("Scanning the chain: " + FundedWords.BLOCKS + " of " + FundedWords.BLOCKS + " blocks"),
                said.toString());
        assertEquals("The scan of the chain is done.", model.progressTextProperty().get());
        assertTrue(node.services().wallet().state().locked());
        assertEquals("", model.wordProperty(0).get(), "the words are wiped once used");
        model.finish();
        assertEquals(1, ready.get());
    }
}
