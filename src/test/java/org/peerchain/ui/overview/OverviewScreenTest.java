package org.peerchain.ui.overview;

import org.peerchain.testing.FxClicks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.bench.RegtestBlockBuilder;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The overview's wallet card on a real regtest node: no wallet, then a wallet with mined coins. */
@Timeout(120)
class OverviewScreenTest extends ApplicationTest {
    private static final long WAIT_SECONDS = 30;
    private static final char[] PASSWORD = "overview password".toCharArray();

    @TempDir
    static Path dataDir;

    private final List<String> explored = new CopyOnWriteArrayList<>();
    private final List<ScreenId> opened = new CopyOnWriteArrayList<>();
    private final AtomicInteger wantedWallet = new AtomicInteger();
    private org.peerchain.node.Node node;
    private OverviewScreen screen;

    @Override
    public void start(Stage stage) throws NodeStartException {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        node = org.peerchain.node.Node.start(NodeConfig.regtest(dataDir).withRpcPort(NodeConfig.OFF));
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId id) {
                opened.add(id);
            }

            @Override
            public void explore(String query) {
                explored.add(query);
            }
        };
        screen = new OverviewScreen(new ScreenContext(node.services(), new FxDispatcher(), navigator),
                wantedWallet::incrementAndGet);
        stage.setScene(new Scene(screen.view(), 900, 760));
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
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private Node shown(String id) {
        return lookup(id).query();
    }

    @Test
    void withoutAWalletItOffersTheFirstRunAndWithOneItShowsMinedCoinsMaturing() throws Exception {
        waitFor("the no-wallet offer", () -> shown("#noWalletBox").isVisible() && !shown("#balanceBox").isVisible());
        FxClicks.click(this, "Create or restore a wallet");
        assertEquals(1, wantedWallet.get());

        node.services().wallet().create(PASSWORD.clone(), "");
        String address = node.services().wallet().newAddress("mining").address();
        Address payTo = Address.parse(address, ChainParams.REGTEST.addressPrefix());
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        for (int i = 0; i < 3; i++) {
            Block b = builder.next(payTo.keyHash(), 0, List.of());
            node.submitBlock(b);
        }
        waitFor("the wallet card with three mined blocks", () -> shown("#balanceBox").isVisible()
                && ((VBox) shown("#recentBox")).getChildren().size() == 3);
        Label immature = (Label) shown("#immatureLabel");
        String maturesAt = "at height " + node.services().wallet().balance().nextMaturityHeight() + " (in ";
        assertTrue(immature.getText().contains("mined, not yet spendable") && immature.getText().contains(maturesAt),
                immature.getText());
        assertTrue(((Label) shown("#spendableLabel")).getText().startsWith("0.00 PCH"));
        assertTrue(((Label) shown("#lockLabel")).getText().startsWith("Locked"), "a new wallet is locked");
        HBox newest = (HBox) ((VBox) shown("#recentBox")).getChildren().get(0);
        String words = ((Label) newest.getChildren().get(1)).getText();
        assertTrue(words.equals("mining \u00b7 Mined, spendable in 99 blocks"), words);
        clickOn(newest);
        waitFor("the row opened in the explorer", () -> explored.size() == 1);
        assertEquals(64, explored.get(0).length());
        FxClicks.click(this, "Send");
        assertEquals(List.of(ScreenId.SEND), opened);
    }
}
