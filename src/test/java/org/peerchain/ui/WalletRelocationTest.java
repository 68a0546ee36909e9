package org.peerchain.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.ui.settings.DesktopLocation;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first run's "Advanced: network and data directory", end to end: the window restarts its node in the folder
 * typed, remembers the choice beside the networks' folders, and the next start without --network or --datadir
 * opens there.
 */
@Timeout(90)
class WalletRelocationTest extends ApplicationTest {
    @TempDir
    Path dir;

    private Stage stage;
    private WalletApp app;

    @Override
    public void start(Stage stage) {
        this.stage = stage;
    }

    @Override
    public void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            String failure = lookup(".failure").tryQuery().map(n -> ((javafx.scene.control.Label) n).getText()).orElse("");
            String problem = lookup("#placeProblemLabel").tryQuery()
                    .map(n -> ((javafx.scene.control.Label) n).getText()).orElse("");
            throw new AssertionError("the window never showed " + what + " (node in " + nodeDir() + "; "
                    + failure + problem + ")", e);
        }
    }

    private Path nodeDir() {
        Node n = app.node();
        return n == null ? null : n.config().dataDir();
    }

    @Test
    void theNodeRestartsInTheChosenFolderAndTheNextStartOpensThere() throws Exception {
        Path first = dir.resolve("first");
        Path moved = dir.resolve("moved");
        Path base = dir.resolve("base");
        // the chosen folder's own settings give the restarted node a free port rather than the network's usual one
        new org.peerchain.ui.settings.SettingsFile(moved.resolve(org.peerchain.ui.settings.SettingsFile.FILE_NAME))
                .save(org.peerchain.ui.settings.AppSettings.defaults().withListenPort(0));
        app = new WalletApp(NodeConfig.regtest(first).withRpcPort(NodeConfig.OFF).withP2pPort(0)).locationBase(base);
        interact(() -> app.start(stage));
        waitUntil("the first run on the first folder", () -> first.equals(nodeDir())
                && lookup("#browseChoice").tryQuery().isPresent());

        clickOn("Advanced: network and data directory");
        interact(() -> lookup("#dataDirField").queryAs(TextField.class).setText(moved.toString()));
        waitUntil("the restart button", () -> !lookup("#relocateButton").queryAs(Button.class).isDisabled());
        // the button sits below the fold of the test's small window: pressed as the keyboard would
        interact(() -> lookup("#relocateButton").queryAs(Button.class).fire());

        waitUntil("the node in the chosen folder, offering the first run there", () -> moved.equals(nodeDir())
                && lookup("#browseChoice").tryQuery().isPresent());
        assertTrue(Files.isDirectory(moved), "the chosen folder was made");
        assertEquals(Optional.of(new DesktopLocation("regtest", moved)), DesktopLocation.read(base),
                "the choice is kept for the next start");
        assertEquals(Optional.of(new DesktopLocation("regtest", moved)),
                org.peerchain.cli.WalletCommandAccess.chosenLocation(false, base), "a start without options opens there");
        assertEquals(Optional.empty(), org.peerchain.cli.WalletCommandAccess.chosenLocation(true, base),
                "--network or --datadir on the command line wins");
    }
}
