package org.peerchain.tracker.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.NodeIdentity;
import org.peerchain.p2p.PeerListener;
import org.peerchain.p2p.TrackerClient;
import org.peerchain.tracker.PeerRecord;
import org.peerchain.tracker.TrackerConfig;
import org.peerchain.ui.fx.FxDispatcher;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrackerWindowTest {
    @TempDir
    static Path dir;
    private TrackerViewModel model;
    private PeerListener listener;
    private TrackerClient client;
    private final AtomicLong nodeHeight = new AtomicLong(7);

    @Start
    void start(Stage stage) throws Exception {
        TrackerConfig config = TrackerConfig.defaults(0, dir.resolve("ui-" + System.nanoTime() + ".db"))
                .withBindAddress("127.0.0.1").withPingInterval(Duration.ofSeconds(1));
        model = new TrackerViewModel(config, new FxDispatcher());
        TrackerWindow.show(stage, model);
        model.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (listener != null) {
            listener.close();
        }
        model.shutdown();
    }

    private NodeIdentity announcingNode(Duration reannounce) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.tracker() != null);
        NodeIdentity id = new NodeIdentity("peerchain-regtest", org.peerchain.p2p.NodeKey.generate(), nodeHeight::get,
                () -> java.math.BigInteger.ZERO);
        listener = PeerListener.start(id, java.net.InetAddress.getLoopbackAddress(), 0);
        client = new TrackerClient(List.of(new HostPort("127.0.0.1", model.tracker().port())), id, listener::port,
                peers -> { }, new TrackerClient.Settings(reannounce, Duration.ofMillis(100), Duration.ofMillis(300),
                Duration.ofSeconds(5)));
        client.start();
        return id;
    }

    private static boolean tableShows(TableView<PeerRecord> table, String nodeId) {
        return table.getItems().stream().anyMatch(p -> p.nodeId().equals(nodeId));
    }

    @SuppressWarnings("unchecked")
    private TableView<PeerRecord> table(FxRobot robot) {
        return robot.lookup("#peerTable").queryAs(TableView.class);
    }

    private void selectAndConfirm(FxRobot robot, String buttonId) throws Exception {
        TableView<PeerRecord> table = table(robot);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn(buttonId);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        Button ok = robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(Button::isDefaultButton).findFirst().orElseThrow();
        robot.clickOn(ok);
    }

    @Test
    void logRowsAreOneTextLineHighNotTheThemesTallListRows(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#logList .list-cell").queryAll().stream()
                .anyMatch(n -> n instanceof ListCell<?> c && c.getItem() != null));
        WaitForAsyncUtils.waitForFxEvents();
        ListCell<?> row = robot.lookup("#logList .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && c.getItem() != null).map(n -> (ListCell<?>) n).findFirst().orElseThrow();
        double text = row.getFont().getSize();
        assertTrue(row.getHeight() <= 2 * text, "a log row of " + row.getHeight() + " px for " + text + " px text");
        assertTrue(row.getHeight() >= text, "a log row of " + row.getHeight() + " px clips " + text + " px text");
    }

    @Test
    void anAnnouncingNodeAppearsInTheTable(FxRobot robot) throws Exception {
        NodeIdentity node = announcingNode(Duration.ofMinutes(5));
        TableView<PeerRecord> table = table(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tableShows(table, node.nodeId()));
        PeerRecord row = table.getItems().get(0);
        assertEquals("127.0.0.1", row.key().address());
        assertEquals(listener.port(), row.key().port());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.countProperty(org.peerchain.tracker.PeerState.LIVE).get() == 1);
    }

    /** The text a cell of the column titled {@code column} shows on screen, after any "…" cut. */
    private static String shownIn(FxRobot robot, String column) {
        return robot.lookup(".table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && !c.isEmpty() && c.getTableColumn().getText().equals(column))
                .map(n -> ((Text) n.lookup(".text")).getText()).findFirst().orElseThrow();
    }

    @Test
    void theNetworkIsShownInFullAndTheHeightFollowsThePingsWithoutANewAnnounce(FxRobot robot) throws Exception {
        NodeIdentity node = announcingNode(Duration.ofMinutes(5));
        TableView<PeerRecord> table = table(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(p -> p.nodeId().equals(node.nodeId()) && p.height() == 7));
        // the server counts an announce after registering it
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.tracker().metrics().announces.sum() == 1);
        nodeHeight.set(1234);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(p -> p.height() == 1234));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, model.tracker().metrics().announces.sum(), "the height came with a ping, not an announce");
        assertEquals("1,234", shownIn(robot, "Height"));
        assertEquals("peerchain-regtest", shownIn(robot, "Network"), "not cut at the default window width");
    }

    @Test
    void kickRemovesThePeerAfterConfirmation(FxRobot robot) throws Exception {
        NodeIdentity node = announcingNode(Duration.ofMinutes(5));
        TableView<PeerRecord> table = table(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tableShows(table, node.nodeId()));
        selectAndConfirm(robot, "#kickButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().isEmpty());
        assertEquals(0, model.tracker().registry().size());
    }

    @Test
    void aBanKeepsTheNodeOutWhileItKeepsAnnouncing(FxRobot robot) throws Exception {
        NodeIdentity node = announcingNode(Duration.ofMillis(100));
        TableView<PeerRecord> table = table(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tableShows(table, node.nodeId()));
        selectAndConfirm(robot, "#banButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().isEmpty());
        AtomicInteger refusedBefore = new AtomicInteger(client.status().get(0).failuresInARow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> client.status().get(0).failuresInARow() >= refusedBefore.get() + 3);
        assertTrue(client.status().get(0).lastError().contains("banned"), client.status().get(0).lastError());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(table.getItems().isEmpty(), "still out after repeated announces");
        assertTrue(model.tracker().registry().isBanned("127.0.0.1"));
    }
}
