package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.p2p.TestNetwork.address;
import static org.peerchain.p2p.TestNetwork.await;
import static org.peerchain.p2p.TestNetwork.awaitSameTip;

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
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.node.Node;
import org.peerchain.tracker.Tracker;
import org.peerchain.tracker.TrackerConfig;
import org.peerchain.wallet.TransactionSigner;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PeerNetworkTest {
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

    private Tracker startTracker(int port) throws Exception {
        return Tracker.start(TrackerConfig.defaults(port, dir.resolve("tracker.db")).withBindAddress("127.0.0.1"));
    }

    @Test
    void threeNodesFindEachOtherThroughTheTrackerAndAgreeOnBlocksMinedOnAnyOfThem() throws Exception {
        tracker = startTracker(0);
        List<HostPort> trackers = List.of(new HostPort("127.0.0.1", tracker.port()));
        Node a = net.start(trackers, List.of());
        Node b = net.start(trackers, List.of());
        Node c = net.start(trackers, List.of());
        await("every node connected to both others", T, () -> a.network().connectionCount() >= 2
                && b.network().connectionCount() >= 2 && c.network().connectionCount() >= 2);
        for (Node miner : List.of(a, b, c, b, a)) {
            Block mined = net.mine(miner);
            awaitSameTip(T, a, b, c);
            assertEquals(mined.hash(), c.chain().tip().hash());
        }
        assertEquals(5, a.chain().height());
        PeerInfo peer = a.network().peers().get(0);
        assertTrue(peer.bytesSent() > 0 && peer.bytesReceived() > 0, "byte counters move");
    }

    @Test
    void aNodeStartedAfterTwoThousandBlocksSyncsToTheSameTipAndReportsProgress() throws Exception {
        Node a = net.start(List.of(), List.of());
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        for (int i = 0; i < 2_000; i++) {
            a.submitBlock(builder.next(net.payTo, 0, List.of()));
        }
        assertEquals(2_000, a.chain().height());
        Node b = net.start(List.of(), List.of(address(a)));
        List<NetworkEvent.SyncProgress> progress = new CopyOnWriteArrayList<>();
        b.events().subscribe(NetworkEvent.SyncProgress.class, progress::add);
        awaitSameTip(Duration.ofSeconds(120), a, b);
        await("a final progress event", T, () -> !progress.isEmpty() && !progress.get(progress.size() - 1).syncing());
        assertEquals(2_000, progress.get(progress.size() - 1).height());
        assertEquals(a.chain().utxoDigest(), b.chain().utxoDigest());
    }

    @Test
    void partitionedGroupsMineApartAndOnHealingAllFollowTheMostWorkWithLosingTransactionsBackInTheMempool()
            throws Exception {
        // A shared history with a mature coinbase to spend, given to both groups before they meet.
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        List<Block> prefix = new java.util.ArrayList<>();
        for (int i = 0; i < 101; i++) {
            prefix.add(builder.next(net.payTo, 0, List.of()));
        }
        Node a = net.start(List.of(), List.of());
        Node c = net.start(List.of(), List.of());
        for (Block blk : prefix) {
            a.submitBlock(blk);
            c.submitBlock(blk);
        }
        Node b = net.start(List.of(), List.of(address(a)));
        awaitSameTip(T, a, b);

        Transaction coinbase = prefix.get(0).transactions().get(0);
        Transaction spend = TransactionSigner.sign(
                List.of(new TransactionSigner.SigningInput(new OutPoint(coinbase.txid(), 0), net.key)),
                List.of(new TxOutput(coinbase.totalOutput() - 10_000, net.payTo)));
        a.submitTransaction(spend);
        await("the transaction relayed to B", T, () -> b.mempool().contains(spend.txid()));
        net.mine(a);
        awaitSameTip(T, a, b);
        assertFalse(b.mempool().contains(spend.txid()), "confirmed on the A-B side");
        for (int i = 0; i < 3; i++) {
            net.mine(c);
        }
        assertNotEquals(a.chain().tip().hash(), c.chain().tip().hash());

        c.network().addNode(address(a), PeerNetwork.AddNode.ADD);
        awaitSameTip(T, a, b, c);
        assertEquals(104, a.chain().height());
        await("the losing branch's transaction back in the mempools", T,
                () -> a.mempool().contains(spend.txid()) && b.mempool().contains(spend.txid()));
    }

    @Test
    void withTheTrackerDownTheNetworkRelaysNewNodesJoinAndARestartedTrackerIsAnnouncedToAgain() throws Exception {
        tracker = startTracker(0);
        int trackerPort = tracker.port();
        List<HostPort> trackers = List.of(new HostPort("127.0.0.1", trackerPort));
        Node a = net.start(trackers, List.of());
        Node b = net.start(trackers, List.of());
        await("A and B connected", T, () -> a.network().connectionCount() >= 1 && b.network().connectionCount() >= 1);
        tracker.close();
        tracker = null;

        net.mine(a);
        awaitSameTip(T, a, b);
        Node c = net.start(trackers, List.of(address(b)));
        awaitSameTip(T, a, b, c);
        net.mine(c);
        awaitSameTip(T, a, b, c);

        // A restarted node finds its peers again from its address book alone.
        Path bDir = b.config().dataDir();
        net.stop(b);
        Node b2 = net.start(bDir, List.of(), List.of(), P2pSettings.forLoopbackTests());
        await("B reconnected from its address book", T, () -> b2.network().connectionCount() >= 1);
        net.mine(a);
        awaitSameTip(T, a, b2, c);

        tracker = startTracker(trackerPort);
        await("A announced to the restarted tracker", T, () -> tracker.registry()
                .sample(a.params().networkId(), null, 50).stream().anyMatch(r -> r.nodeId().equals(a.network().nodeId())));
    }
}
