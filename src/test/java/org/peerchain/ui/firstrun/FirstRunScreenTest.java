package org.peerchain.ui.firstrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletState;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.peerchain.ui.fx.Formats;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The first run on a real regtest node with no wallet, driven by clicks and typing. */
@Timeout(120)
class FirstRunScreenTest extends ApplicationTest {
    private static final long WAIT_SECONDS = 60;
    private static final String PASSWORD = "horse battery staple";

    @TempDir
    Path dataDir;
    @TempDir
    Path makerDir;

    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private org.peerchain.node.Node node;
    private FirstRunScreen screen;

    @Override
    public void start(Stage stage) throws NodeStartException {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        node = org.peerchain.node.Node.start(NodeConfig.regtest(dataDir).withRpcPort(NodeConfig.OFF));
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId id) {
            }

            @Override
            public void explore(String query) {
            }
        };
        screen = new FirstRunScreen(new ScreenContext(node.services(), new FxDispatcher(), navigator),
                new FirstRunScreen.Outcome() {
                    @Override
                    public void walletReady() {
                        outcomes.add("ready");
                    }

                    @Override
                    public void browseWithoutWallet() {
                        outcomes.add("browse");
                    }

                    @Override
                    public void relocate(String network, Path dir) {
                        outcomes.add("relocate " + network + " " + dir);
                    }

                    @Override
                    public void trackerJoined(String address) {
                        outcomes.add("tracker " + address);
                    }

                    @Override
                    public void hostTracker() {
                        outcomes.add("host a tracker");
                    }
                });
        stage.setScene(new Scene(screen.view(), 800, 760));
        stage.show();
        screen.activate();
    }

    @Override
    public void stop() {
        screen.deactivate();
        node.close();
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what, e);
        }
    }

    private WalletService wallet() {
        return node.services().wallet();
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    private boolean shown(String id) {
        Node n = lookup(id).query();
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Scrolls the screen so {@code n} is in view, then clicks it, as a person would. */
    private void press(Node n) {
        ScrollPane scroll = (ScrollPane) screen.view();
        interact(() -> {
            Node content = scroll.getContent();
            Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
            double room = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            if (room > 0) {
                scroll.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 40) / room)));
            }
        });
        // the scroll takes effect at the next layout: a click aimed before it would land where the node was
        try {
            waitFor("the node scrolled into view", () -> WaitForAsyncUtils.asyncFx(() -> {
                Bounds node = n.localToScene(n.getBoundsInLocal());
                Bounds view = scroll.localToScene(scroll.getBoundsInLocal());
                double y = node.getCenterY();
                return y > view.getMinY() && y < view.getMaxY();
            }).get(WAIT_SECONDS, TimeUnit.SECONDS));
            // a button enabled by what was just typed may follow a pulse later: a click on it before then is lost
            waitFor("the node enabled", () -> WaitForAsyncUtils.asyncFx(() -> !n.isDisabled())
                    .get(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        clickOn(n);
    }

    private void press(String id) {
        press(lookup(id).query());
    }

    private void typeInto(String id, String text) throws Exception {
        press(id);
        interact(() -> lookup(id).queryTextInputControl().clear());
        write(text);
        waitFor("\"" + text + "\" typed into " + id,
                () -> WaitForAsyncUtils.asyncFx(() -> lookup(id).queryTextInputControl().getText().equals(text))
                        .get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void createShowsTheWordsOnceRefusesMismatchedPasswordsAndAWrongWordThenLeavesALockedWallet() throws Exception {
        waitFor("the sync line", () -> text("#syncLabel").startsWith("Your node is at block 0"));
        press("#createChoice");
        waitFor("the password page", () -> shown("#passwordField"));

        typeInto("#passwordField", PASSWORD);
        typeInto("#repeatField", PASSWORD + "x");
        assertEquals(PasswordChoice.MISMATCH, text("#mismatchLabel"));
        assertFalse(text("#strengthLabel").isEmpty());
        press("#createButton");
        assertEquals(PasswordChoice.MISMATCH, text("#createError"));
        assertFalse(wallet().state().exists());

        typeInto("#repeatField", PASSWORD);
        assertEquals("", text("#mismatchLabel"));
        press("#createButton");
        waitFor("the words", () -> shown("#wordGrid") && lookup("#word24").tryQuery().isPresent());

        List<String> words = new ArrayList<>();
        for (int i = 1; i <= WalletService.RECOVERY_WORDS; i++) {
            words.add(text("#word" + i));
        }
        assertTrue(wallet().checkRecoveryWords(words).valid());
        assertTrue(lookup("#nextButton").queryButton().isDisabled(), "not before the words are written down");
        press("#writtenDownCheck");
        press("#nextButton");
        waitFor("the first question", () -> shown("#questionLabel"));
        assertFalse(lookup("#showAgainButton").queryButton().isDisabled());

        boolean refused = false;
        int asked = 0;
        while (shown("#questionLabel")) {
            String question = text("#questionLabel");
            int position = Integer.parseInt(question.replaceAll(".*Word #(\\d+)$", "$1"));
            String right = words.get(position - 1);
            if (!refused) {
                Button wrong = lookup(".word-choice").match(b -> !((Button) b).getText().equals(right))
                        .queryButton();
                String wrongWord = wrong.getText();
                press(wrong);
                waitFor("the refusal", () -> text("#answerMessage").startsWith("\"" + wrongWord + "\" is not word #"
                        + position));
                assertEquals(question, text("#questionLabel"), "the same question again");
                assertTrue(lookup("#showAgainButton").queryButton().isDisabled(), "the words are not shown again");
                refused = true;
            }
            press(lookup(".word-choice").match(b -> ((Button) b).getText().equals(right)).queryButton());
            asked++;
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(CreateWalletViewModel.CONFIRMED_WORDS, asked);
        waitFor("the done page", () -> shown("#doneButton"));

        WalletState state = wallet().state();
        assertTrue(state.exists() && state.loaded());
        assertTrue(state.locked());
        assertTrue(outcomes.isEmpty());
        press("#doneButton");
        assertEquals(List.of("ready"), outcomes);
    }

    @Test
    void restoringKnownWordsPastedIntoTheFirstFieldShowsTheirBalanceAfterTheScan() throws Exception {
        FundedWords funded = FundedWords.make(makerDir, node);
        press("#restoreChoice");
        waitFor("the word fields", () -> shown("#restoreWord1"));

        TextField first = lookup("#restoreWord1").queryAs(TextField.class);
        press(first);
        interact(() -> first.replaceSelection(String.join(" ", funded.words())));
        for (int i = 1; i <= WalletService.RECOVERY_WORDS; i++) {
            assertEquals(funded.words().get(i - 1), lookup("#restoreWord" + i).queryAs(TextField.class).getText());
        }
        waitFor("the checksum", () -> screen.restore().wordsFitProperty().get());

        typeInto("#restorePasswordField", PASSWORD);
        typeInto("#restoreRepeatField", PASSWORD);
        press("#restoreButton");
        waitFor("the restored page", () -> shown("#restoreDoneButton"));

        assertEquals(funded.balance(), wallet().balance());
        assertEquals("Found " + Formats.amount(funded.total()) + ", of which " + Formats.amount(funded.total())
                + " mined and not yet spendable.", text("#foundLabel"));
        assertTrue(wallet().state().locked());
        press("#restoreDoneButton");
        assertEquals(List.of("ready"), outcomes);
    }

    @Test
    void anUnknownWordIsMarkedAtOnceAndWordsThatDoNotFitAreRefusedInWords() throws Exception {
        press("#restoreChoice");
        waitFor("the word fields", () -> shown("#restoreWord1"));
        typeInto("#restoreWord3", "qx");
        assertTrue(lookup("#restoreWord3").query().getStyleClass().contains("word-unknown"));
        assertEquals("Word #3 is not in the word list.", text("#wordsProblemLabel"));
        typeInto("#restoreWord5", "abo");
        waitFor("the completions", () -> lookup(".auto-complete-popup .list-cell")
                .match(c -> "above".equals(((ListCell<?>) c).getText())).tryQuery().isPresent());
        clickOn(lookup(".auto-complete-popup .list-cell")
                .match(c -> "above".equals(((ListCell<?>) c).getText())).queryAs(Node.class));
        waitFor("the chosen word", () -> "above".equals(lookup("#restoreWord5").queryAs(TextField.class).getText()));
        assertTrue(lookup("#restoreWord5").query().getStyleClass().contains("word-valid"));

        List<String> words = new ArrayList<>(Collections.nCopies(24, "abandon"));
        TextField first = lookup("#restoreWord1").queryAs(TextField.class);
        press(first);
        interact(() -> first.replaceSelection(String.join(" ", words)));
        waitFor("the checksum's verdict", () -> text("#wordsProblemLabel").equals(
                "The words do not fit together: one is wrong or out of order."));
        assertTrue(lookup("#restoreWord3").query().getStyleClass().contains("word-valid"));

        typeInto("#restorePasswordField", PASSWORD);
        typeInto("#restoreRepeatField", PASSWORD);
        press("#restoreButton");
        assertEquals("The words do not fit together: one is wrong or out of order.", text("#restoreError"));
        assertFalse(wallet().state().exists());
    }

    @Test
    void anotherNetworkAndDirectoryAreChosenUnderAdvancedAndAFileIsRefused() throws Exception {
        press("#advancedPane");
        waitFor("the advanced section", () -> shown("#networkChoice"));
        assertTrue(text("#placeLabel").startsWith("The node runs on the regtest network"), text("#placeLabel"));
        assertTrue(lookup("#relocateButton").queryButton().isDisabled(), "nothing changed yet");

        interact(() -> lookup("#networkChoice").queryAs(javafx.scene.control.ChoiceBox.class).setValue("test"));
        Path file = java.nio.file.Files.writeString(makerDir.resolve("notes.txt"), "not a directory");
        typeInto("#dataDirField", file.toString());
        press("#relocateButton");
        waitFor("the refusal", () -> text("#placeProblemLabel").equals(file + " is a file, not a directory."));
        assertTrue(outcomes.isEmpty());

        Path fresh = makerDir.resolve("test-node");
        typeInto("#dataDirField", fresh.toString());
        press("#relocateButton");
        waitFor("the choice handed on", () -> outcomes.equals(List.of("relocate test " + fresh)));
    }

    @Test
    void browsingWithoutAWalletIsHandedToTheMainWindowByClickOrKeyboard() {
        press("#browseChoice");
        assertEquals(List.of("browse"), outcomes);
        interact(() -> lookup("#browseChoice").query().requestFocus());
        type(KeyCode.ENTER);
        assertEquals(List.of("browse", "browse"), outcomes);
    }
}
