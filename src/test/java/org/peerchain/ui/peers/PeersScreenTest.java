package org.peerchain.ui.peers;

import org.peerchain.testing.FxClicks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import org.peerchain.node.api.BanInfo;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.P2pSettings;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The Peers screen on a real regtest node, with a second real node connecting to it over loopback. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PeersScreenTest extends ApplicationTest {
    private static final long WAIT_SECONDS = 30;
    private static final AtomicInteger RUN = new AtomicInteger();
    @TempDir
    static Path root;
    private Path dir;
    private Node node;
    private Node other;
    private PeersScreen screen;

    @Override
    public void start(Stage stage) throws Exception {
        // the app's theme, so the screen's looked-up colours resolve as they do in the app
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        dir = root.resolve("run" + RUN.incrementAndGet());
        node = Node.start(NodeConfig.regtest(dir.resolve("a")).withRpcPort(NodeConfig.OFF).withP2pPort(0)
                .withPeers(new PeerOptions(List.of(), List.of(), P2pSettings.forLoopbackTests())));
        Navigator nowhere = new Navigator() {
            @Override
            public void open(ScreenId screen) {
            }

            @Override
            public void explore(String query) {
            }
        };
        screen = new PeersScreen(new ScreenContext(node.services(), new FxDispatcher(), nowhere));
        stage.setScene(new Scene(screen.view(), 800, 640));
        stage.show();
        screen.activate();
    }

    @AfterEach
    void closeNodes() throws Exception {
        interact(() -> screen.deactivate());
        if (other != null) {
            other.close();
        }
        node.close();
    }

    private void startOther() throws Exception {
        other = Node.start(NodeConfig.regtest(dir.resolve("b")).withRpcPort(NodeConfig.OFF).withP2pPort(0)
                .withPeers(new PeerOptions(List.of(), List.of(new HostPort("127.0.0.1", node.p2pPort())),
                        P2pSettings.forLoopbackTests())));
    }

    @SuppressWarnings("unchecked")
    private TableView<PeerRow> peerTable() {
        return lookup("#peerTable").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<BanInfo> banTable() {
        return lookup("#banTable").queryAs(TableView.class);
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private String placeholderText(TableView<?> table) {
        return ((Label) table.getPlaceholder()).getText();
    }

    @Test
    void aConnectingPeerIsShownAndDisconnectBanUnbanAndItsLeavingAllShowInTheTables() throws Exception {
        assertEquals(PeersViewModel.NO_PEERS, placeholderText(peerTable()));
        assertEquals(PeersViewModel.NO_BANS, placeholderText(banTable()));

        startOther();
        waitFor("the peer in the table", () -> peerTable().getItems().size() == 1);
        PeerRow first = peerTable().getItems().get(0);
        assertEquals("in", first.direction());

        interact(() -> peerTable().getSelectionModel().select(first));
        FxClicks.click(this, "#disconnectButton");
        waitFor("the disconnected connection gone", () -> !peerTable().getItems().contains(first));
        waitFor("the peer back on a new connection", () -> peerTable().getItems().size() == 1);

        interact(() -> peerTable().getSelectionModel().select(0));
        FxClicks.click(this, "#banReasonField").write("testing bans");
        FxClicks.click(this, "#banButton");
        waitFor("the ban listed", () -> banTable().getItems().size() == 1);
        assertEquals("127.0.0.1", banTable().getItems().get(0).address());
        assertEquals("testing bans", banTable().getItems().get(0).reason());
        waitFor("the banned peer gone", () -> peerTable().getItems().isEmpty());

        FxClicks.click(this, "Bans");
        interact(() -> banTable().getSelectionModel().select(0));
        FxClicks.click(this, "#unbanButton");
        waitFor("the ban lifted", () -> banTable().getItems().isEmpty());
        waitFor("the peer reconnected", () -> peerTable().getItems().size() == 1);

        other.close();
        other = null;
        waitFor("the departed peer gone", () -> peerTable().getItems().isEmpty());
    }

    @Test
    void aBadPeerAddressShowsWhatIsWrongUnderTheField() throws Exception {
        FxClicks.click(this, "#addPeerField").write("example.org:99999");
        FxClicks.click(this, "#addPeerButton");
        Label error = lookup("#addPeerErrorLabel").queryAs(Label.class);
        waitFor("the error shown", () -> error.isVisible() && !error.getText().isEmpty());
        assertTrue(error.getText().contains("port 99999 is out of range"), error.getText());
    }
}
