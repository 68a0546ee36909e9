package org.peerchain.tracker.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.P2pSettings;
import org.peerchain.p2p.TrackerClient;
import org.peerchain.testing.Await;
import org.peerchain.tracker.PeerRecord;
import org.peerchain.tracker.PeerState;
import org.peerchain.tracker.TrackerConfig;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The admin window's view-model with no stage: a single thread stands in for the FX thread, a real tracker serves,
 * and a real regtest node mines and announces to it once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrackerViewModelTest {
    @TempDir
    Path dir;
    private final ExecutorService fxThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-fx"));
    private TrackerViewModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.shutdown();
        }
        fxThread.shutdownNow();
    }

    /** Reads view-model state on its own thread, as a binding would. */
    private <T> T onFx(Supplier<T> read) {
        try {
            return fxThread.submit(read::get).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading the view-model failed", e);
        }
    }

    private TrackerViewModel startedModel(Duration pingInterval) {
        TrackerConfig config = TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1")
                .withPingInterval(pingInterval);
        TrackerViewModel vm = new TrackerViewModel(config, new FxDispatcher(fxThread::execute));
        vm.start();
        Await.until(Duration.ofSeconds(10), "the tracker to run", () -> onFx(() -> vm.runningProperty().get()));
        return vm;
    }

    /** Node timings for loopback, announcing once an hour: any later height can only come from the pings. */
    private static P2pSettings announcingOnce() {
        P2pSettings s = P2pSettings.forLoopbackTests().withDiscovery(false);
        return new P2pSettings(s.maxInbound(), s.maxOutbound(), s.maxConnectionsPerIp(), s.discover(), s.connectTimeout(),
                s.handshakeTimeout(), s.pingInterval(), s.pingTimeout(), s.stallTimeout(), s.connectInterval(),
                s.banDuration(), new TrackerClient.Settings(Duration.ofHours(1), Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(2)), s.localDiscovery());
    }

    private long shownHeight() {
        return onFx(() -> model.peers().stream().mapToLong(PeerRecord::height).max().orElse(-1));
    }

    @Test
    void aMiningNodesHeightFollowsInTheTableBetweenItsAnnounces() throws Exception {
        model = startedModel(Duration.ofMillis(300));
        HostPort tracker = new HostPort("127.0.0.1", model.tracker().port());
        NodeConfig config = NodeConfig.regtest(dir.resolve("node")).withRpcPort(NodeConfig.OFF).withP2pPort(0)
                .withPeers(new PeerOptions(List.of(tracker), List.of(), announcingOnce()))
                .withMining(new MiningConfig(true, 1, null));
        try (Node node = Node.start(config)) {
            Await.until(Duration.ofSeconds(15), "the node in the table, live",
                    () -> onFx(() -> model.countProperty(PeerState.LIVE).get()) == 1);
            Await.until(Duration.ofSeconds(10), "its announce counted", () -> model.tracker().metrics().announces.sum() == 1);
            long first = shownHeight();
            Await.until(Duration.ofSeconds(30), "the table to show a height 3 blocks above " + first,
                    () -> shownHeight() >= first + 3);
            assertEquals(1, model.tracker().metrics().announces.sum(), "the heights came with pings, not announces");
            assertEquals(0, model.tracker().metrics().pingsFailed.sum(), () -> "a miner's block gossip does not fail its"
                    + " pings; the last failure: " + model.tracker().metrics().lastPingFailure());
            assertEquals(1, onFx(() -> model.countProperty(PeerState.LIVE).get()));
            assertEquals("peerchain-regtest", onFx(() -> model.peers().get(0).key().network()));
            assertTrue(shownHeight() <= node.chain().tip().height(), "never ahead of the node");
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        model = new TrackerViewModel(TrackerConfig.defaults(0, dir.resolve("t.db")), new FxDispatcher(Runnable::run));
        model.pingIntervalProperty().set("soon");
        model.start();
        assertEquals("Ping interval must be a whole number, not 'soon'", model.statusProperty().get());
        model.pingIntervalProperty().set("30");
        model.portProperty().set("70000");
        model.start();
        assertEquals("Port must be between 0 and 65535, not 70000", model.statusProperty().get());
        assertEquals(null, model.tracker(), "nothing started");
    }
}
