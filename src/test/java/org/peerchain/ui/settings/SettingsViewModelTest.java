package org.peerchain.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.tracker.Tracker;
import org.peerchain.tracker.TrackerConfig;
import org.peerchain.ui.fx.FxDispatcher;

/** The Settings screen's network, mining and appearance commands on a real regtest node, without a stage. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SettingsViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Node node;
    private Node other;
    private Tracker tracker;
    private FileHost host;
    private SettingsViewModel model;

    private SettingsViewModel start(NodeConfig config) throws Exception {
        node = Node.start(config);
        host = new FileHost(dir.resolve(SettingsFile.FILE_NAME));
        model = new SettingsViewModel(node.services(), new FxDispatcher(Runnable::run), host, Runnable::run);
        model.activate();
        return model;
    }

    private SettingsViewModel start() throws Exception {
        return start(NodeConfig.regtest(dir.resolve("node")).withRpcPort(NodeConfig.OFF));
    }

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {node, other, tracker}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private AppSettings reloaded() {
        return new SettingsFile(dir.resolve(SettingsFile.FILE_NAME)).load().settings();
    }

    @Test
    void aTrackerTypedWrongIsRefusedInWordsAndAGoodOneIsKeptForTheNextStart() throws Exception {
        start();
        assertFalse(model.addTracker("192.0.2.1:abc"));
        assertEquals(Notice.problem("Tracker: The port 'abc' in '192.0.2.1:abc' is not a number."),
                model.trackerNotice().get());
        assertFalse(model.addTracker("bad host!"));
        assertTrue(model.trackerNotice().get().text().startsWith("Tracker: 'bad host!' is not a host name or IP address"),
                model.trackerNotice().get().text());
        assertTrue(model.trackers().isEmpty());

        assertTrue(model.addTracker("tracker.example.org"));
        assertEquals(List.of("tracker.example.org:7300"), model.trackers(), "a bare host gets the tracker port");
        assertEquals(Notice.done("Added tracker.example.org:7300." + SettingsViewModel.NEXT_START),
                model.trackerNotice().get());
        assertFalse(model.addTracker("tracker.example.org:7300"));
        assertEquals("Tracker: tracker.example.org:7300 is in the list already.", model.trackerNotice().get().text());
        assertEquals(List.of("tracker.example.org:7300"), reloaded().trackers());

        model.removeTracker("tracker.example.org:7300");
        assertEquals(List.of(), reloaded().trackers());
    }

    @Test
    void aTrackerTestSaysTheRoundTripAndPeersOfARealTrackerAndRefusalAtADeadPort() throws Exception {
        start();
        tracker = Tracker.start(TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1"));
        model.testTracker("127.0.0.1:" + tracker.port());
        Notice n = model.trackerNotice().get();
        assertFalse(n.problem(), n.text());
        assertTrue(n.text().matches("127\\.0\\.0\\.1:" + tracker.port()
                + " reached in [0-9,]+ ms, it knows no peers of this network yet"), n.text());
        assertFalse(model.testingTracker().get());

        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        model.testTracker("127.0.0.1:" + dead);
        assertEquals(Notice.problem("127.0.0.1:" + dead + " refused the connection: nothing listens on that port"),
                model.trackerNotice().get());
    }

    @Test
    void theListenPortIsCheckedAndKeptWithTheNextStartSaid() throws Exception {
        start();
        assertEquals("", model.portText(), "empty: the network's usual port");
        assertFalse(model.applyListenPort("high"));
        assertEquals(Notice.problem("Listen port: 'high' is not a number."), model.portNotice().get());
        assertFalse(model.applyListenPort("70000"));
        assertEquals(Notice.problem("Listen port: 70000 is outside 1 to 65535 (0 picks any free port)."),
                model.portNotice().get());
        assertTrue(model.applyListenPort("0"));
        assertEquals(Notice.done("The node will listen on any free port." + SettingsViewModel.NEXT_START),
                model.portNotice().get());
        assertEquals(0, reloaded().listenPort());
        assertTrue(model.applyListenPort(" "));
        assertEquals(AppSettings.DEFAULT_PORT, reloaded().listenPort());
    }

    @Test
    void aPeerAddedIsDialledAtOnceAndKeptAndOneTheNodeRefusesIsNotKept() throws Exception {
        other = Node.start(NodeConfig.regtest(dir.resolve("other")).withRpcPort(NodeConfig.OFF).withP2pPort(0));
        start(NodeConfig.regtest(dir.resolve("node")).withRpcPort(NodeConfig.OFF).withP2pPort(0));
        String address = "127.0.0.1:" + other.p2pPort();

        assertFalse(model.addPeer("127.0.0.1:0"));
        assertEquals(Notice.problem("Peer: The port 0 in '127.0.0.1:0' is outside 1 to 65535."), model.peerNotice().get());

        assertTrue(model.addPeer(address));
        assertEquals(Notice.done("Connecting to " + address + " now; it is kept for every start."),
                model.peerNotice().get());
        await("the peer connected", () -> node.services().peers().snapshot().peers().size() == 1);
        assertEquals(List.of(address), reloaded().peers());

        model.removePeer(address);
        assertEquals(List.of(), reloaded().peers());
    }

    @Test
    void withP2pOffAPeerIsKeptForTheNextStartAndSaysSo() throws Exception {
        start();
        assertTrue(model.addPeer("192.0.2.9:18444"));
        assertEquals(Notice.done("Kept 192.0.2.9:18444: P2P is off now, so it is dialled at the next start."),
                model.peerNotice().get());
        assertEquals(List.of("192.0.2.9:18444"), reloaded().peers());
    }

    @Test
    void miningThreadsAndPauseApplyToTheMinerAtOnceAndPersist() throws Exception {
        start();
        int cores = node.services().mining().maxThreads();
        assertEquals(cores, model.maxThreads().get());
        model.setThreads(1);
        assertEquals(1, node.services().mining().snapshot().threads());
        model.setPauseWhileSyncing(true);
        assertTrue(node.services().mining().pauseWhileSyncing());
        assertEquals(Notice.done("Mining now waits while the node catches up with its peers."), model.miningNotice().get());
        assertEquals(1, reloaded().miningThreads());
        assertTrue(reloaded().pauseMiningWhileSyncing());
    }

    @Test
    void aPayoutAddressWithATypoIsRefusedInWordsAndEmptyMeansTheWalletsAddress() throws Exception {
        start();
        model.applyPayout("not-an-address");
        assertTrue(model.payoutNotice().get().problem());
        assertTrue(model.payoutNotice().get().text().startsWith("Payout address: "), model.payoutNotice().get().text());
        assertEquals("", reloaded().payoutAddress());
        assertEquals(org.peerchain.node.api.PayoutSource.NODE_KEY, node.services().mining().payoutSource());

        String other = new org.peerchain.core.Address(org.peerchain.consensus.ChainParams.REGTEST.addressPrefix(),
                org.peerchain.core.KeyHash.wrap(new byte[org.peerchain.core.KeyHash.LENGTH])).toString();
        model.applyPayout(other);
        assertEquals(Notice.done("Mined coins go to " + other + " from the next block on."), model.payoutNotice().get());
        assertEquals(other, reloaded().payoutAddress());
        assertEquals(other, node.services().mining().snapshot().payoutAddress(), "the miner pays it at once");
        assertEquals(org.peerchain.node.api.PayoutSource.CHOSEN, node.services().mining().payoutSource());

        model.applyPayout("");
        assertEquals(Notice.done("Mined coins go to the wallet's mining address from the next block on."),
                model.payoutNotice().get());
        assertEquals("", reloaded().payoutAddress());
        assertEquals(org.peerchain.node.api.PayoutSource.NODE_KEY, node.services().mining().payoutSource());
    }

    @Test
    void themeAndTextSizeApplyAtOnceThroughTheHostAndPersist() throws Exception {
        start();
        model.setDark(true);
        model.setScale(1.3);
        assertEquals(List.of(true), host.themes);
        assertEquals(List.of(1.3), host.scales);
        assertEquals(AppSettings.DARK, reloaded().theme());
        assertEquals(1.3, reloaded().uiScale());
    }

    @Test
    void discoveryFollowsTheNetworksDefaultUntilChosenAndAHostedTrackerPortIsCheckedAndKept() throws Exception {
        start();
        assertFalse(model.discover().get(), "regtest: off unless chosen");
        model.applyDiscover(true);
        assertTrue(model.discover().get());
        assertEquals(Boolean.TRUE, reloaded().discover());
        assertEquals(Notice.done("The node will look for others on the local network and answer them."
                + SettingsViewModel.NEXT_START), model.discoverNotice().get());

        assertFalse(model.hostTracker().get());
        assertEquals("7300", model.trackerPortText(), "the usual port is offered");
        assertFalse(model.applyHostTracker(true, "seven"));
        assertEquals(Notice.problem("Tracker port: 'seven' is not a number."), model.hostNotice().get());
        assertFalse(model.applyHostTracker(true, "99999"));
        assertEquals(Notice.problem("Tracker port: 99999 is outside 1 to 65535 (0 picks any free port)."),
                model.hostNotice().get());
        assertEquals(AppSettings.NO_TRACKER, reloaded().hostTrackerPort(), "nothing saved for a refused port");
        assertTrue(model.applyHostTracker(true, "17300"));
        assertTrue(model.hostTracker().get());
        assertEquals(17300, reloaded().hostTrackerPort());
        assertTrue(model.hostNotice().get().text().contains("on port 17300"), model.hostNotice().get().text());
        assertTrue(model.applyHostTracker(false, "17300"));
        assertEquals(AppSettings.NO_TRACKER, reloaded().hostTrackerPort());

        NodeStartOptions o = NodeStartOptions.merge(reloaded().withHostTracker(17300), ChainParams.REGTEST,
                NodeStartOptions.CommandLine.NONE);
        assertTrue(o.peers().settings().localDiscovery().enabled(), "the settings' choice reaches the node");
        assertEquals(17300, o.applyTo(NodeConfig.regtest(dir)).hostTrackerPort());
        NodeStartOptions typed = NodeStartOptions.merge(reloaded(), ChainParams.REGTEST,
                new NodeStartOptions.CommandLine(null, List.of(), List.of(), false, false, null));
        assertFalse(typed.peers().settings().localDiscovery().enabled(), "--no-discover wins over the settings");
    }

    @Test
    void everySettingSurvivesARestartOfTheSettingsFile() throws Exception {
        start();
        model.addTracker("192.0.2.1:7300");
        model.applyListenPort("18555");
        model.addPeer("192.0.2.9:18444");
        model.setPauseWhileSyncing(true);
        model.applyPayout("");
        model.setDark(true);
        model.setScale(1.15);
        model.applyDiscover(false);
        model.applyHostTracker(true, "7301");
        new WalletSettingsViewModel(node.services(), new FxDispatcher(Runnable::run), host, Runnable::run)
                .setAutoLockMinutes(5);
        AppSettings saved = host.current();
        SettingsFile.Loaded again = new SettingsFile(dir.resolve(SettingsFile.FILE_NAME)).load();
        assertTrue(again.problem().isEmpty(), again.problem().toString());
        assertEquals(saved, again.settings());
        assertEquals(List.of("192.0.2.1:7300"), again.settings().trackers());
        assertEquals(18555, again.settings().listenPort());
        assertEquals(5, again.settings().autoLockMinutes());
        assertEquals(Boolean.FALSE, again.settings().discover());
        assertEquals(7301, again.settings().hostTrackerPort());
    }
}
