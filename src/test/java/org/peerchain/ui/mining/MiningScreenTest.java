package org.peerchain.ui.mining;

import org.peerchain.testing.FxClicks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.scene.control.TextField;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.KeyHash;
import org.peerchain.node.api.PayoutSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.node.api.FoundBlock;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The Mining screen on a real regtest node, driven by clicks. */
@Timeout(120)
class MiningScreenTest extends ApplicationTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dataDir;

    private final List<String> explored = new CopyOnWriteArrayList<>();
    private final List<String> remembered = new CopyOnWriteArrayList<>();
    private Node node;
    private MiningScreen screen;

    @Override
    public void start(Stage stage) throws NodeStartException {
        // The app's theme, whose looked-up colours the screen's stylesheet uses.
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        node = Node.start(NodeConfig.regtest(dataDir).withRpcPort(NodeConfig.OFF));
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId id) {
            }

            @Override
            public void explore(String query) {
                explored.add(query);
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
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what, e);
        }
    }

    private Button miningButton() {
        return lookup("#miningButton").queryButton();
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private TableView<FoundBlock> foundTable() {
        return lookup("#foundTable").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private int totalRatePoints() {
        LineChart<Number, Number> chart = lookup("#rateChart").queryAs(LineChart.class);
        return chart.getData().get(0).getData().size();
    }

    @Test
    void startMiningShowsARateAndFoundBlocksThatOpenInTheExplorerAndStopReturnsToIdle() throws Exception {
        assertEquals("Start mining", miningButton().getText());
        assertTrue(miningButton().getStyleClass().contains("accent"));
        assertEquals(MiningViewModel.NO_BLOCKS_YET, ((Label) foundTable().getPlaceholder()).getText());
        waitFor("the payout address", () -> !lookup("#payoutField").queryTextInputControl().getText().isEmpty());

        FxClicks.click(this, "#miningButton");
        // No wallet and no payout address: Start asks where the coins go first.
        waitFor("the payout question", this::dialogShown);
        FxClicks.click(this, "Use the node's key");
        waitFor("the button to offer a stop", () -> "Stop mining".equals(miningButton().getText()));
        assertTrue(miningButton().getStyleClass().contains("danger"));
        waitFor("a hash rate", () -> !"0 H/s".equals(text("#hashRateLabel")));
        int points = totalRatePoints();
        waitFor("the chart to gain points", () -> totalRatePoints() > points);
        waitFor("a found block in the list", () -> !foundTable().getItems().isEmpty());
        assertTrue(text("#stateLabel").startsWith("Mining on "));
        assertFalse(text("#expectedTimeLabel").equals(MiningViewModel.NOT_AVAILABLE));

        FxClicks.click(this, "#miningButton");
        waitFor("the button to return to Start", () -> "Start mining".equals(miningButton().getText())
                && !miningButton().isDisabled());
        waitFor("the rate to return to idle", () -> "0 H/s".equals(text("#hashRateLabel")));
        assertTrue(miningButton().getStyleClass().contains("accent"));
        assertEquals("Not mining", text("#stateLabel"));
        assertFalse(node.services().mining().snapshot().running());

        // The list is still now: open its newest block by a double click, then by its link.
        waitFor("the list to show every block found",
                () -> foundTable().getItems().equals(node.services().mining().foundBlocks()));
        interact(() -> lookup(".mining-screen").queryAs(ScrollPane.class).setVvalue(1));
        FoundBlock newest = foundTable().getItems().get(0);
        TableRow<?> firstRow = lookup(".table-row-cell").match(r -> ((TableRow<?>) r).getIndex() == 0)
                .queryAs(TableRow.class);
        doubleClickOn(firstRow);
        waitFor("the explorer to be asked for the block", () -> !explored.isEmpty());
        assertEquals(newest.hash().toHex(), explored.get(0));

        Hyperlink link = lookup(".hyperlink").match(h -> ((Hyperlink) h).getText().startsWith(
                newest.hash().toHex().substring(0, 8))).queryAs(Hyperlink.class);
        clickOn(link);
        waitFor("the link to open the block too", () -> explored.size() >= 2);
        assertEquals(newest.hash().toHex(), explored.get(explored.size() - 1));
    }

    private boolean dialogShown() {
        return lookup("#payoutAddressField").match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent();
    }

    @Test
    void aWrongAddressIsRefusedInWordsAndAGoodOneIsMinedToAndRemembered() throws Exception {
        String good = new Address(ChainParams.REGTEST.addressPrefix(), KeyHash.wrap(new byte[KeyHash.LENGTH])).toString();
        String typo = good.substring(0, good.length() - 1) + (good.endsWith("q") ? "p" : "q");
        assertEquals(PayoutSource.NODE_KEY, node.services().mining().payoutSource());

        FxClicks.click(this, "#miningButton");
        waitFor("the payout question", this::dialogShown);
        FxClicks.click(this, "#payoutAddressField").write(typo);
        FxClicks.click(this, "Mine to this address");
        waitFor("the question again, saying why", () -> dialogShown()
                && lookup("#payoutProblem").queryAs(Label.class).isVisible());
        String problem = lookup("#payoutProblem").queryAs(Label.class).getText();
        assertTrue(problem.startsWith("The payout address " + typo + " is not valid"), problem);
        assertEquals(typo, lookup("#payoutAddressField").queryAs(TextField.class).getText(), "what was typed is kept");
        assertTrue(!node.services().mining().snapshot().on(), "mining did not start");

        interact(() -> lookup("#payoutAddressField").queryAs(TextField.class).setText(good));
        FxClicks.click(this, "Mine to this address");
        waitFor("mining to the address", () -> node.services().mining().snapshot().running()
                && good.equals(node.services().mining().snapshot().payoutAddress()));
        assertEquals(List.of(good), remembered, "kept for the next start");
        assertEquals(PayoutSource.CHOSEN, node.services().mining().payoutSource());
        waitFor("the screen's payout field", () -> good.equals(lookup("#payoutField").queryAs(TextField.class).getText()));

        FxClicks.click(this, "#miningButton");
        waitFor("mining to stop", () -> !node.services().mining().snapshot().running());
        FxClicks.click(this, "#miningButton");
        waitFor("mining again without a question", () -> node.services().mining().snapshot().running());
        assertTrue(!dialogShown(), "a chosen address is not asked for again");
        FxClicks.click(this, "#miningButton");
        waitFor("mining to stop", () -> !node.services().mining().snapshot().running());
    }
}
