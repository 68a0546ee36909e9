package org.peerchain.ui.explorer;

import org.peerchain.testing.FxClicks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.node.NodeConfig;
import org.peerchain.testing.ExplorerChain;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The explorer screen in a real (headless) window over a real regtest node with a known chain. */
@Timeout(120)
class ExplorerScreenTest extends ApplicationTest {
    private static final int WAIT_SECONDS = 20;
    private static Path dir;
    private static org.peerchain.node.Node node;
    private static ExplorerChain built;

    private ExplorerScreen screen;

    @BeforeAll
    static void startNode() throws Exception {
        dir = Files.createTempDirectory("explorer-screen");
        node = org.peerchain.node.Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF).withTxIndex(true));
        built = ExplorerChain.build(node);
        org.peerchain.testing.Await.until(java.time.Duration.ofSeconds(WAIT_SECONDS), "the transaction index",
                () -> node.services().chain().txIndex().indexedHeight() == ExplorerChain.HEIGHT);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Override
    public void start(Stage stage) {
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId id) {
            }

            @Override
            public void explore(String query) {
                screen.explore(query);
            }
        };
        screen = new ExplorerScreen(new ScreenContext(node.services(), new FxDispatcher(), navigator));
        stage.setScene(new Scene(screen.view(), 900, 700));
        stage.show();
        screen.activate();
    }

    @Override
    public void stop() {
        screen.deactivate();
    }

    private void search(String query) {
        FxClicks.click(this, "#searchField").eraseText(((TextField) lookup("#searchField").query()).getText().length());
        write(query).type(KeyCode.ENTER);
    }

    private void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + WAIT_SECONDS + " s for " + what, e);
        }
    }

    private boolean shows(String id, String text) {
        Node node = lookup(id).tryQuery().orElse(null);
        return node instanceof Label l && l.isVisible() && l.getScene() != null && text.equals(l.getText());
    }

    @Test
    void findsABlockByHeightAndByHashAndBackReturnsToTheFirst() throws Exception {
        search("7");
        waitFor("block 7 to show", () -> shows("#blockTitle", "Block 7"));
        search(built.at(42).hash().toHex());
        waitFor("block 42 to show", () -> shows("#blockTitle", "Block 42"));
        FxClicks.click(this, "#backButton");
        waitFor("Back to return to block 7", () -> shows("#blockTitle", "Block 7"));
    }

    @Test
    void findsATransactionByIdAndSaysItIsInTheMempool() throws Exception {
        search(built.mempoolTx.txid().toHex());
        waitFor("the transaction to show", () -> shows("#transactionTitle", "Transaction"));
        assertTrue(lookup("In the mempool, waiting to be mined").tryQuery().isPresent());
    }

    @Test
    void findsAConfirmedTransactionByIdAndLinksToItsBlock() throws Exception {
        search(built.tx102.txid().toHex());
        waitFor("the transaction to show", () -> shows("#transactionTitle", "Transaction"));
        assertTrue(lookup("2 confirmations").tryQuery().isPresent());
        FxClicks.click(this, "Block 102  " + org.peerchain.ui.fx.Formats.shortHash(built.at(102).hash().toHex()));
        waitFor("its block to open", () -> shows("#blockTitle", "Block 102"));
        FxClicks.click(this, "#backButton");
        waitFor("Back to return to the transaction", () -> shows("#transactionTitle", "Transaction"));
    }

    @Test
    void aMissIsSaidInTheScreen() throws Exception {
        search("900");
        waitFor("the miss to be said", () -> shows("#searchMessage",
                "No block at height 900: the chain is 103 blocks high"));
    }

    @Test
    void ctrlKFocusesTheSearchBoxAndNavigatorExploreOpensABlock() throws Exception {
        FxClicks.click(this, "#homeButton");
        assertTrue(!lookup("#searchField").query().isFocused());
        press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitFor("the search box to take focus", () -> lookup("#searchField").query().isFocused());
        interact(() -> screen.explore("3"));
        waitFor("block 3 to show", () -> shows("#blockTitle", "Block 3"));
    }

    @Test
    void theBlockListShowsTheNewestBlockFirst() throws Exception {
        waitFor("the newest block in the list", () -> lookup("103").tryQuery().isPresent());
        assertEquals(ExplorerChain.HEIGHT + 1, screen.model().blocks().size());
    }
}
