package org.peerchain.ui.mining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.KeyHash;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.node.api.PayoutSource;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** Start mining without a wallet or a payout address asks where the coins go, and refuses a wrong address in words. */
@Timeout(90)
class MiningPayoutTest extends ApplicationTest {
    @TempDir
    static Path dataDir;

    private final List<String> remembered = new CopyOnWriteArrayList<>();
    private Node node;
    private MiningScreen screen;

    @Override
    public void start(Stage stage) throws NodeStartException {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        node = Node.start(NodeConfig.regtest(dataDir).withRpcPort(NodeConfig.OFF));
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId id) {
            }

            @Override
            public void explore(String query) {
            }
        };
        screen = new MiningScreen(new ScreenContext(node.services(), new FxDispatcher(), navigator), remembered::add);
        stage.setScene(new Scene(screen.view(), 820, 760));
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
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private boolean dialogShown() {
        return lookup("#payoutAddressField").match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent();
    }

    @Test
    void aWrongAddressIsRefusedInWordsAndAGoodOneIsMinedToAndRemembered() throws Exception {
        String good = new Address(ChainParams.REGTEST.addressPrefix(), KeyHash.wrap(new byte[KeyHash.LENGTH])).toString();
        String typo = good.substring(0, good.length() - 1) + (good.endsWith("q") ? "p" : "q");
        assertEquals(PayoutSource.NODE_KEY, node.services().mining().payoutSource());

        clickOn("#miningButton");
        waitFor("the payout question", this::dialogShown);
        clickOn("#payoutAddressField").write(typo);
        clickOn("Mine to this address");
        waitFor("the question again, saying why", () -> dialogShown()
                && lookup("#payoutProblem").queryAs(Label.class).isVisible());
        String problem = lookup("#payoutProblem").queryAs(Label.class).getText();
        assertTrue(problem.startsWith("The payout address " + typo + " is not valid"), problem);
        assertEquals(typo, lookup("#payoutAddressField").queryAs(TextField.class).getText(), "what was typed is kept");
        assertTrue(!node.services().mining().snapshot().on(), "mining did not start");

        interact(() -> lookup("#payoutAddressField").queryAs(TextField.class).setText(good));
        clickOn("Mine to this address");
        waitFor("mining to the address", () -> node.services().mining().snapshot().running()
                && good.equals(node.services().mining().snapshot().payoutAddress()));
        assertEquals(List.of(good), remembered, "kept for the next start");
        assertEquals(PayoutSource.CHOSEN, node.services().mining().payoutSource());
        waitFor("the screen's payout field", () -> good.equals(lookup("#payoutField").queryAs(TextField.class).getText()));

        clickOn("#miningButton");
        waitFor("mining to stop", () -> !node.services().mining().snapshot().running());
        clickOn("#miningButton");
        waitFor("mining again without a question", () -> node.services().mining().snapshot().running());
        assertTrue(!dialogShown(), "a chosen address is not asked for again");
        clickOn("#miningButton");
        waitFor("mining to stop", () -> !node.services().mining().snapshot().running());
    }
}
