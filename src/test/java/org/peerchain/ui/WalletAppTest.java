package org.peerchain.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.NodeConfig;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

@Timeout(60)
class WalletAppTest extends ApplicationTest {
    @TempDir
    static Path dataDir;

    private Stage stage;
    private WalletApp app;

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        app = new WalletApp(NodeConfig.regtest(dataDir).withRpcPort(NodeConfig.OFF));
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    @Test
    void mainWindowOpensWithItsTitleAndShowsTheGenesisTip() throws Exception {
        assertEquals(WalletApp.TITLE, stage.getTitle());
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> "0".equals(lookup("#heightLabel").queryAs(Label.class).getText()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the window never showed height 0; it shows height '"
                    + lookup("#heightLabel").queryAs(Label.class).getText() + "' and status '"
                    + lookup(".status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText() + "'", e);
        }
        assertEquals("regtest", lookup("#networkLabel").queryAs(Label.class).getText());
        assertEquals(org.peerchain.consensus.ChainParams.REGTEST.genesisHash().toHex(),
                lookup("#bestBlockLabel").queryAs(Label.class).getText());
    }
}
