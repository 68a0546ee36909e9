package org.peerchain.ui.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.TwoNodes;
import org.peerchain.node.api.PeerSnapshot;
import org.peerchain.node.api.PeerSource;
import org.peerchain.node.api.PeerStats;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The Peers view-model over real regtest nodes. The test thread plays the FX thread: the dispatcher's batches and
 * the background commands queue up and run only when the test drains them.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PeersViewModelTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final TwoNodes net = new TwoNodes(() -> dir);
    private final BlockingQueue<Runnable> fxThread = new LinkedBlockingQueue<>();
    private final BlockingQueue<Runnable> commandThread = new LinkedBlockingQueue<>();

    private PeersViewModel modelOf(Node n) {
        return new PeersViewModel(n.services(), new FxDispatcher(fxThread::add), commandThread::add);
    }

    /** Runs queued commands and FX batches until {@code condition} holds. */
    private void runUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TwoNodes.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            Runnable r = commandThread.poll();
            if (r == null) {
                r = fxThread.poll(20, TimeUnit.MILLISECONDS);
            }
            if (r != null) {
                r.run();
            }
        }
    }

    private static PeerStats peer(long id, long height, long received, long connectedAt) {
        return new PeerStats(id, "192.0.2." + id + ":7333", "192.0.2." + id, false, PeerSource.TRACKER, 1, height, 12.5,
                received, 10, connectedAt, 0, "node" + id, 7333, 0, height, height, 0, 0);
    }

    @Test
    void snapshotsUpdateRowsInPlaceAddNewPeersAndDropClosedOnes() throws Exception {
        PeersViewModel m = modelOf(net.a());
        m.apply(new PeerSnapshot(List.of(peer(1, 5, 100, 0), peer(2, 5, 100, 0)), List.of(), 200, 20, 60_000, null));
        PeerRow first = m.peers().get(0);
        m.selectedPeerProperty().set(first);
        m.apply(new PeerSnapshot(List.of(peer(1, 9, 500, 0), peer(3, 1, 0, 0)), List.of(), 600, 40, 61_000, null));
        assertEquals(List.of(1L, 3L), m.peers().stream().map(PeerRow::id).toList());
        assertSame(first, m.peers().get(0), "the same row object: selection and scroll stay");
        assertEquals(9, first.heightProperty().get());
        assertEquals(500, first.bytesReceivedProperty().get());
        assertEquals(61, first.connectedSecondsProperty().get());
        assertSame(first, m.selectedPeerProperty().get());
    }

    @Test
    void aGraphOpenedLateShowsTheTrafficTheNodeHadBefore() throws Exception {
        Node a = net.a();
        net.bDialling(a);
        TwoNodes.await("the node's own traffic history", () -> a.services().peers().traffic().size() >= 3);
        PeersViewModel m = modelOf(a);
        m.activate();
        runUntil("the first load", () -> commandThread.isEmpty() && !m.traffic().isEmpty());
        assertTrue(m.traffic().size() >= 3, "the points from before the screen opened: " + m.traffic());
        m.deactivate();
    }

    @Test
    void theTableFollowsARealPeerConnectingAndLeaving() throws Exception {
        Node a = net.a();
        PeersViewModel m = modelOf(a);
        m.activate();
        runUntil("the first load", () -> m.enabledProperty().get() && commandThread.isEmpty());
        assertTrue(m.peers().isEmpty());
        Node b = net.bDialling(a);
        runUntil("the peer shown", () -> m.peers().size() == 1);
        PeerRow row = m.peers().get(0);
        assertEquals("in", row.direction());
        assertEquals(PeerSource.INBOUND, row.source());
        runUntil("a traffic point", () -> !m.traffic().isEmpty());
        net.stop(b);
        runUntil("the peer gone", () -> m.peers().isEmpty());
        m.deactivate();
    }

    @Test
    void disconnectBanAndUnbanGoThroughTheNodeAndSayWhatHappened() throws Exception {
        Node a = net.a();
        net.bDialling(a);
        PeersViewModel m = modelOf(a);
        m.activate();
        runUntil("the peer shown", () -> m.peers().size() == 1);
        PeerRow first = m.peers().get(0);
        m.selectedPeerProperty().set(first);
        m.disconnectSelected();
        runUntil("the disconnect said", () -> m.messageProperty().get().startsWith("Disconnected"));
        runUntil("a new connection replaced it", () -> m.peers().size() == 1 && m.peers().get(0) != first);

        m.selectedPeerProperty().set(m.peers().get(0));
        m.banDurationProperty().set(BanDuration.WEEK);
        m.banSelected();
        runUntil("the ban listed", () -> m.bans().size() == 1);
        assertEquals("127.0.0.1", m.bans().get(0).address());
        assertEquals(PeersViewModel.DEFAULT_BAN_REASON, m.bans().get(0).reason());
        assertEquals(Duration.ofDays(7).toSeconds(), m.bans().get(0).bannedUntil() - m.bans().get(0).createdAt(), 2);
        assertEquals("Banned 127.0.0.1 for 1 week", m.messageProperty().get());
        runUntil("the banned peer gone", () -> m.peers().isEmpty());

        m.selectedBanProperty().set(m.bans().get(0));
        m.unbanSelected();
        runUntil("the ban lifted", () -> m.bans().isEmpty());
        assertFalse(m.messageIsErrorProperty().get());
        runUntil("the peer back", () -> m.peers().size() == 1);
        m.deactivate();
    }

    @Test
    void aBadPeerAddressIsSaidUnderTheFieldAndAGoodOneClearsIt() throws Exception {
        Node a = net.a();
        Node b = net.b();
        PeersViewModel m = modelOf(b);
        m.addPeerTextProperty().set("example.org:99999");
        m.addPeer();
        runUntil("the error shown", () -> !m.addPeerErrorProperty().get().isEmpty());
        assertTrue(m.addPeerErrorProperty().get().contains("port 99999 is out of range"), m.addPeerErrorProperty().get());
        m.addPeerTextProperty().set("");
        m.addPeer();
        assertTrue(m.addPeerErrorProperty().get().contains("host:port"));
        m.addPeerTextProperty().set("127.0.0.1:" + a.p2pPort());
        m.addPeer();
        runUntil("the field cleared", () -> m.addPeerTextProperty().get().isEmpty());
        assertEquals("", m.addPeerErrorProperty().get());
        assertEquals("Connecting to 127.0.0.1:" + a.p2pPort() + " (dialled again if it drops)", m.messageProperty().get());
        m.activate();
        runUntil("the added peer shown", () -> m.peers().size() == 1);
        assertEquals(PeerSource.MANUAL, m.peers().get(0).source());
        assertEquals("Connected to 127.0.0.1:" + a.p2pPort() + " (dialled again if it drops)", m.messageProperty().get(),
                "the line no longer says it is connecting once the peer is in the table");
        m.deactivate();
    }

    @Test
    void withP2pOffTheEmptyStateSaysSo() throws Exception {
        Node n = net.withoutP2p();
        PeersViewModel m = modelOf(n);
        assertEquals(PeersViewModel.NO_PEERS, m.emptyPeersTextProperty().get());
        m.activate();
        runUntil("the first load", () -> !m.enabledProperty().get());
        assertEquals(PeersViewModel.P2P_OFF, m.emptyPeersTextProperty().get());
        m.deactivate();
    }

    @Test
    void peerSnapshotsOnTheirWayWhenTheScreenWasHiddenAreDroppedAndShowingItAgainLoadsAfresh() throws Exception {
        Node a = net.a();
        net.bDialling(a);
        TwoNodes.await("b connected to a", () -> a.services().peers().snapshot().peers().size() == 1);
        PeersViewModel m = modelOf(a);
        m.activate();
        for (Runnable r; (r = commandThread.poll()) != null; ) {
            r.run(); // the state is read and its updates wait for the FX thread
        }
        m.deactivate();
        for (Runnable r; (r = fxThread.poll()) != null; ) {
            r.run();
        }
        assertEquals(0, m.peers().size(), "a hidden screen's table is not filled");

        m.activate();
        runUntil("the peer in the table once shown again", () -> m.peers().size() == 1);
        m.deactivate();
    }
}
