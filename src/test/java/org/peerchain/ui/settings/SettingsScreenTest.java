package org.peerchain.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.tracker.Tracker;
import org.peerchain.tracker.TrackerConfig;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The Settings screen on a real regtest node with a real wallet and a real tracker, driven by typing and clicks. */
@Timeout(180)
class SettingsScreenTest extends ApplicationTest {
    private static final long WAIT_SECONDS = 30;
    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a different good password";

    @TempDir
    static Path root;
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Each test's own directory: the application starts once per test under one class-wide temporary directory. */
    private Path dir;

    private Node node;
    private Tracker tracker;
    private FileHost host;
    private SettingsScreen screen;
    private List<String> createdWords;

    @Override
    public void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        dir = root.resolve("run-" + RUNS.incrementAndGet());
        node = Node.start(NodeConfig.regtest(dir.resolve("node")).withRpcPort(NodeConfig.OFF));
        createdWords = node.services().wallet().create(PASSWORD.toCharArray(), "");
        tracker = Tracker.start(TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1"));
        host = new FileHost(dir.resolve(SettingsFile.FILE_NAME));
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId id) {
            }

            @Override
            public void explore(String query) {
            }
        };
        screen = new SettingsScreen(new ScreenContext(node.services(), new FxDispatcher(), navigator), host);
        // a narrow window: the screen must work at about 800 px
        stage.setScene(new Scene(screen.view(), 800, 720));
        stage.show();
        screen.activate();
    }

    @Override
    public void stop() {
        if (screen != null) {
            screen.deactivate();
        }
        if (node != null) {
            node.close();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what, e);
        }
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    private boolean isProblem(String id) {
        return lookup(id).queryAs(Label.class).getStyleClass().contains("notice-problem");
    }

    private void typeInto(String id, String text) {
        interact(() -> lookup(id).queryTextInputControl().setText(text));
    }

    private void press(String id) {
        interact(() -> lookup(id).queryButton().fire());
    }

    @Test
    void aTrackerTypedWrongIsRefusedNextToTheFieldAndARealOneIsAddedAndTestedInWords() throws Exception {
        typeInto("#trackerField", "192.0.2.1:abc");
        press("#addTrackerButton");
        assertEquals("Tracker: The port 'abc' in '192.0.2.1:abc' is not a number.", text("#trackerNotice"));
        assertTrue(isProblem("#trackerNotice"));

        String address = "127.0.0.1:" + tracker.port();
        typeInto("#trackerField", address);
        press("#addTrackerButton");
        @SuppressWarnings("unchecked")
        ListView<String> list = lookup("#trackerList").queryAs(ListView.class);
        assertEquals(List.of(address), list.getItems());
        assertEquals("", lookup("#trackerField").queryTextInputControl().getText());
        assertTrue(text("#trackerNotice").endsWith("It takes effect at the next start."), text("#trackerNotice"));

        interact(() -> list.getSelectionModel().select(0));
        press("#testTrackerButton");
        waitFor("the test's outcome", () -> text("#trackerNotice").contains("reached in"));
        assertTrue(text("#trackerNotice").startsWith(address + " reached in "), text("#trackerNotice"));
        assertFalse(isProblem("#trackerNotice"));

        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        typeInto("#trackerField", "127.0.0.1:" + dead);
        press("#testTrackerButton");
        waitFor("the dead port's outcome", () -> text("#trackerNotice").contains("refused"));
        assertTrue(isProblem("#trackerNotice"));
        assertEquals(List.of(address), host.current().trackers());
    }

    @Test
    void changingThePasswordThenTheWordsShowAfterTheNewPasswordAndEqualTheCreatedOnes() throws Exception {
        waitFor("the wallet section", () -> lookup("#walletBox").query().isVisible());
        typeInto("#oldPassword", PASSWORD);
        typeInto("#newPassword", NEW_PASSWORD);
        typeInto("#newPasswordAgain", NEW_PASSWORD + "!");
        press("#changePasswordButton");
        assertEquals("The new passwords differ: type the same one twice.", text("#passwordNotice"));
        assertEquals("", lookup("#oldPassword").queryTextInputControl().getText(), "password fields are cleared");

        typeInto("#oldPassword", PASSWORD);
        typeInto("#newPassword", NEW_PASSWORD);
        typeInto("#newPasswordAgain", NEW_PASSWORD);
        press("#changePasswordButton");
        waitFor("the change", () -> text("#passwordNotice").startsWith("Password changed"));
        node.services().wallet().unlock(NEW_PASSWORD.toCharArray(), Duration.ofMinutes(1));
        assertFalse(node.services().wallet().state().locked(), "the new password unlocks the wallet");
        node.services().wallet().lock();

        typeInto("#wordsPassword", PASSWORD);
        press("#showWordsButton");
        waitFor("the refusal", () -> text("#wordsNotice").equals("The wallet password is not right."));
        typeInto("#wordsPassword", NEW_PASSWORD);
        press("#showWordsButton");
        FlowPane words = lookup("#wordsPane").queryAs(FlowPane.class);
        waitFor("the words", () -> words.getChildren().size() == 24);
        for (int i = 0; i < 24; i++) {
            assertEquals((i + 1) + ". " + createdWords.get(i), ((Label) words.getChildren().get(i)).getText());
        }
        press("#hideWordsButton");
        assertTrue(words.getChildren().isEmpty());
        assertFalse(words.isVisible());
    }

    @Test
    void theThemeAndTheLockTimeChosenApplyAndPersist() throws Exception {
        interact(() -> lookup("#themeChoice").queryAs(ChoiceBox.class).setValue("Dark"));
        assertEquals(List.of(true), host.themes);
        interact(() -> lookup("#lockChoice").queryAs(ChoiceBox.class).setValue(60));
        assertEquals("The wallet locks itself after 60 minutes without use, from now on.", text("#lockNotice"));
        AppSettings reloaded = new SettingsFile(dir.resolve(SettingsFile.FILE_NAME)).load().settings();
        assertEquals(AppSettings.DARK, reloaded.theme());
        assertEquals(60, reloaded.autoLockMinutes());
    }
}
