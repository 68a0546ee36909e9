package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.p2p.TestNetwork.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.PeerService;
import org.peerchain.node.api.TrackerTestResult;
import org.peerchain.node.api.TrackerTestResult.Outcome;
import org.peerchain.tracker.Tracker;
import org.peerchain.tracker.TrackerConfig;

/** The settings' "Test" button: PeerService.testTracker against a real tracker, a closed port and a silent one. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrackerTestThroughPeerServiceTest {
    @TempDir
    Path dir;
    TestNetwork net;
    Tracker tracker;
    Node tester;

    @BeforeEach
    void setUp() throws Exception {
        net = new TestNetwork(dir);
        // the node that tests needs no P2P: a test only asks, it does not announce
        tester = Node.start(NodeConfig.regtest(dir.resolve("tester")).withRpcPort(NodeConfig.OFF));
    }

    @AfterEach
    void tearDown() {
        tester.close();
        net.close();
        if (tracker != null) {
            tracker.close();
        }
    }

    private PeerService peers() {
        return tester.services().peers();
    }

    @Test
    void aRunningTrackerIsReachedWithItsRoundTripAndTheNumberOfPeersItKnows() throws Exception {
        tracker = Tracker.start(TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1"));
        Node announced = net.start(List.of(new HostPort("127.0.0.1", tracker.port())), List.of());
        await("the other node's announce answered", TestNetwork.PROPAGATION_TIMEOUT,
                () -> announced.network().trackers().get(0).state() == TrackerClient.State.OK);

        TrackerTestResult r = peers().testTracker("127.0.0.1:" + tracker.port());

        assertEquals(Outcome.REACHED, r.outcome(), r.toString());
        assertEquals("127.0.0.1:" + tracker.port(), r.tracker());
        assertEquals(1, r.peers(), "the tracker knows the one node that announced");
        assertTrue(r.roundTripMillis() >= 0 && r.roundTripMillis() < PeerService.TRACKER_TEST_TIMEOUT.toMillis());
        assertEquals(1, tracker.registry().size(), "the test registered nothing with the tracker");
    }

    @Test
    void aPortWithNothingListeningIsRefused() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        TrackerTestResult r = peers().testTracker("127.0.0.1:" + dead);
        assertEquals(Outcome.REFUSED, r.outcome(), r.toString());
    }

    @Test
    void aListenerThatNeverAnswersIsNoAnswerAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            TrackerTestResult r = peers().testTracker("127.0.0.1:" + silent.getLocalPort());
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Outcome.NO_ANSWER, r.outcome(), r.toString());
            assertEquals(PeerService.TRACKER_TEST_TIMEOUT.toMillis(), r.timeoutMillis());
            assertTrue(waited >= PeerService.TRACKER_TEST_TIMEOUT.toMillis() - 100, "waited " + waited + " ms");
        }
    }

    @Test
    void aMalformedAddressIsRefusedInWords() {
        var e = assertThrows(IllegalArgumentException.class, () -> peers().testTracker("tracker.example:port"));
        assertTrue(e.getMessage().contains("port 'port' is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> peers().testTracker("bad host!:7300"));
        assertTrue(e.getMessage().contains("is not a host name or IP address"), e.getMessage());
    }
}
