package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.p2p.TestNetwork.address;
import static org.peerchain.p2p.TestNetwork.await;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.bench.RegtestBlockBuilder;
import org.peerchain.core.Block;
import org.peerchain.node.Node;
import org.peerchain.p2p.wire.PeerMessages;
import org.peerchain.tracker.Tracker;
import org.peerchain.tracker.TrackerConfig;

/** What the peers screen is built on: origins, heights, disconnect by id, ban events, tracker status, traffic. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PeerControlsNetworkTest {
    static final Duration T = TestNetwork.PROPAGATION_TIMEOUT;
    @TempDir
    Path dir;
    TestNetwork net;
    Tracker tracker;

    @BeforeEach
    void setUp() {
        net = new TestNetwork(dir);
    }

    @AfterEach
    void tearDown() {
        net.close();
        if (tracker != null) {
            tracker.close();
        }
    }

    private static PeerInfo peerWithNode(Node at, Node other) {
        return at.network().peers().stream().filter(p -> p.nodeId().equals(other.network().nodeId())).findFirst()
                .orElse(null);
    }

    private static void awaitConnected(Node a, Node b) throws InterruptedException {
        await("the nodes connected", T, () -> peerWithNode(a, b) != null && peerWithNode(b, a) != null);
    }

    @Test
    void aPeerDialledByHandIsManualAndTheOtherSideSeesItAsInbound() throws Exception {
        Node a = net.start(List.of(), List.of());
        Node b = net.start(List.of(), List.of(address(a)));
        awaitConnected(a, b);
        assertEquals(PeerOrigin.MANUAL, peerWithNode(b, a).origin());
        assertEquals(PeerOrigin.INBOUND, peerWithNode(a, b).origin());
        assertTrue(peerWithNode(a, b).inbound());
    }

    @Test
    void aPeerFoundThroughATrackerIsTrackersAndTheTrackerReportsWhatItReturned() throws Exception {
        tracker = Tracker.start(TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1"));
        List<HostPort> trackers = List.of(new HostPort("127.0.0.1", tracker.port()));
        Node a = net.start(trackers, List.of());
        await("the first node's announce answered", T,
                () -> a.network().trackers().get(0).state() == TrackerClient.State.OK);
        Node b = net.start(trackers, List.of());
        awaitConnected(a, b);
        PeerInfo fromB = peerWithNode(b, a);
        PeerInfo fromA = peerWithNode(a, b);
        // whichever dialled found the other through the tracker; the other side saw it come in
        assertTrue(fromB.origin() == PeerOrigin.TRACKER || fromA.origin() == PeerOrigin.TRACKER,
                fromA.origin() + " / " + fromB.origin());
        TrackerClient.TrackerStatus status = b.network().trackers().get(0);
        assertEquals(TrackerClient.State.OK, status.state());
        assertNotNull(status.lastSuccess());
        assertNull(status.lastError());
        assertTrue(status.peersReturned() >= 1, "the second node's answer holds the first: " + status.peersReturned());
    }

    @Test
    void anAddressRememberedInTheBookIsDialledAfterARestartAsTheAddressBooks() throws Exception {
        Node a = net.start(List.of(), List.of());
        Path bDir = dir.resolve("b");
        Node b = net.start(bDir, List.of(), List.of(address(a)), P2pSettings.forLoopbackTests());
        awaitConnected(a, b);
        net.stop(b);
        Node again = net.start(bDir, List.of(), List.of(), P2pSettings.forLoopbackTests());
        await("the restarted node dialled the address it remembered", T, () -> peerWithNode(again, a) != null);
        assertEquals(PeerOrigin.ADDRESS_BOOK, peerWithNode(again, a).origin());
    }

    @Test
    void aTrackerThatCannotBeReachedIsFailingWithTheReasonAndOneNotYetAskedIsWaiting() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        NodeIdentity me = new NodeIdentity(TestNetwork.class.getSimpleName(), NodeKey.generate(), () -> 0,
                () -> java.math.BigInteger.ZERO);
        List<HostPort> trackers = List.of(new HostPort("127.0.0.1", closedPort));
        try (TrackerClient client = new TrackerClient(trackers, me, () -> 1, peers -> { },
                P2pSettings.forLoopbackTests().tracker())) {
            TrackerClient.TrackerStatus before = client.status().get(0);
            assertEquals(TrackerClient.State.WAITING, before.state());
            assertNull(before.lastSuccess());
            client.start();
            await("the announce failed", T, () -> client.status().get(0).state() == TrackerClient.State.FAILING);
            TrackerClient.TrackerStatus after = client.status().get(0);
            assertTrue(after.failuresInARow() >= 1);
            assertFalse(after.lastError().isBlank(), "the failure says why");
            assertNull(after.lastSuccess());
        }
    }

    @Test
    void aPeersHeightRisesWithTheBlocksItAnnouncesAfterTheHandshake() throws Exception {
        Node a = net.start(List.of(), List.of());
        Node b = net.start(List.of(), List.of(address(a)));
        awaitConnected(a, b);
        assertEquals(0, peerWithNode(a, b).height());
        for (int i = 0; i < 3; i++) {
            net.mine(b);
        }
        await("A sees B at height 3", T, () -> peerWithNode(a, b).height() == 3);
        assertEquals(0, peerWithNode(a, b).startingHeight(), "the handshake height stays as it was");
    }

    @Test
    void aBlockAnnouncedByInventoryRaisesThePeersHeightToThatBlocksHeight() throws Exception {
        Node a = net.start(List.of(), List.of());
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        Block last = null;
        for (int i = 0; i < 5; i++) {
            last = builder.next(net.payTo, 0, List.of());
            a.submitBlock(last);
        }
        try (ScriptedPeer p = ScriptedPeer.handshaken(a.p2pPort(), "127.0.0.5")) {
            await("the scripted peer registered", T, () -> a.network().connectionCount() == 1);
            assertEquals(0, a.network().peers().get(0).height());
            p.send(new PeerMessages.Inv(List.of(new PeerMessages.InvItem(PeerMessages.InvKind.BLOCK, last.hash()))));
            await("the announced height shown", T, () -> a.network().peers().get(0).height() == 5);
        }
    }

    @Test
    void disconnectByIdClosesThatConnectionAndSaysSoAndAnUnknownIdIsRefused() throws Exception {
        Node a = net.start(List.of(), List.of());
        Node b = net.start(List.of(), List.of(address(a)));
        awaitConnected(a, b);
        List<NetworkEvent.PeerDisconnected> gone = new CopyOnWriteArrayList<>();
        a.events().subscribe(NetworkEvent.PeerDisconnected.class, gone::add);
        long id = peerWithNode(a, b).id();
        assertTrue(a.network().disconnect(id));
        await("the disconnect published", T, () -> gone.stream().anyMatch(e -> e.peerId() == id));
        assertEquals("disconnected by hand", gone.get(0).reason());
        assertTrue(a.network().peers().stream().noneMatch(p -> p.id() == id));
        assertFalse(a.network().disconnect(id), "already gone");
        assertFalse(a.network().disconnect(9_999));
    }

    @Test
    void everyBanChangeIsPublishedWithTheWholeList() throws Exception {
        Node a = net.start(List.of(), List.of());
        Node b = net.start(List.of(), List.of(address(a)));
        awaitConnected(a, b);
        List<NetworkEvent.BansChanged> changes = new CopyOnWriteArrayList<>();
        a.events().subscribe(NetworkEvent.BansChanged.class, changes::add);

        a.network().ban("127.0.0.1", Duration.ofHours(1), "banned by hand");
        await("the ban published", T, () -> changes.size() == 1);
        assertEquals(List.of("127.0.0.1"), changes.get(0).bans().stream().map(BanEntry::address).toList());
        assertEquals("banned by hand", changes.get(0).bans().get(0).reason());
        await("the banned host's peer dropped", T, () -> peerWithNode(a, b) == null);

        a.network().ban("192.0.2.7", Duration.ofHours(1), "second");
        await("the second ban published", T, () -> changes.size() == 2 && changes.get(1).bans().size() == 2);

        assertTrue(a.network().unban("127.0.0.1"));
        await("the unban published", T, () -> changes.size() == 3);
        assertEquals(List.of("192.0.2.7"), changes.get(2).bans().stream().map(BanEntry::address).toList());
        assertFalse(a.network().unban("127.0.0.1"), "not banned any more");
        awaitConnected(a, b);

        a.network().clearBans();
        await("the clear published", T, () -> changes.size() == 4 && changes.get(3).bans().isEmpty());
    }

    @Test
    void aBanForMisbehaviourIsPublishedWithItsReasonCode() throws Exception {
        Node a = net.start(List.of(), List.of());
        List<NetworkEvent.BansChanged> changes = new CopyOnWriteArrayList<>();
        a.events().subscribe(NetworkEvent.BansChanged.class, changes::add);
        try (ScriptedPeer p = ScriptedPeer.handshaken(a.p2pPort(), "127.0.0.7")) {
            p.sendRaw(ByteBuffer.allocate(4).putInt(0x7fffffff).array());
            p.awaitClosed();
        }
        await("the misbehaviour ban published", T, () -> !changes.isEmpty());
        BanEntry ban = changes.get(0).bans().get(0);
        assertEquals("127.0.0.7", ban.address());
        assertEquals("frame-too-large", ban.reason());
    }

    @Test
    void anExpiredBanIsPublishedAsGoneByTheMaintenanceTimer() throws Exception {
        Node a = net.start(List.of(), List.of());
        List<NetworkEvent.BansChanged> changes = new CopyOnWriteArrayList<>();
        a.events().subscribe(NetworkEvent.BansChanged.class, changes::add);
        a.network().ban("192.0.2.9", Duration.ofSeconds(1), "short");
        await("the ban published", T, () -> changes.size() == 1);
        await("the expiry published", Duration.ofSeconds(10), () -> changes.size() == 2);
        assertTrue(changes.get(1).bans().isEmpty());
        assertTrue(a.network().bans().isEmpty());
    }

    @Test
    void trafficTotalsKeepTheBytesOfClosedConnections() throws Exception {
        Node a = net.start(List.of(), List.of());
        Node b = net.start(List.of(), List.of(address(a)));
        awaitConnected(a, b);
        net.mine(b);
        await("the block arrived", T, () -> a.chain().height() == 1);
        PeerInfo peer = peerWithNode(a, b);
        assertTrue(a.network().bytesReceived() >= peer.bytesReceived() && peer.bytesReceived() > 0);
        assertTrue(a.network().bytesSent() >= peer.bytesSent() && peer.bytesSent() > 0);
        net.stop(b);
        await("the peer gone", T, () -> a.network().connectionCount() == 0);
        assertTrue(a.network().bytesReceived() >= peer.bytesReceived(), "closed connections still count");
        assertTrue(a.network().bytesSent() >= peer.bytesSent());
    }
}
