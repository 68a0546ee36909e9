package org.peerchain.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.bench.RegtestBlockBuilder;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Hash;
import org.peerchain.node.Node;
import org.peerchain.node.TwoNodes;
import org.peerchain.node.api.FoundBlock;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.PeerSnapshot;
import org.peerchain.node.api.PeerSource;
import org.peerchain.node.api.PeerStats;
import org.peerchain.node.api.SendRequest;
import org.peerchain.node.api.WalletBalance;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletTransactionRow;
import org.peerchain.node.api.WalletTxState;

@Timeout(120)
class NoticesTest {
    private static final WalletBalance NO_BALANCE = new WalletBalance(0, 0, 0, List.of());
    private static final char[] PASSWORD = "notices password".toCharArray();

    @TempDir
    Path dir;
    @RegisterExtension
    final TwoNodes net = new TwoNodes(() -> dir);

    private static WalletEvent.TransactionChanged payment(long amount, boolean added, boolean coinbase) {
        WalletTransactionRow row = new WalletTransactionRow(Hash.sha256d(new byte[] {(byte) amount}), 1_000, -1, 0,
                amount, 0, "", coinbase ? WalletTxState.IMMATURE : WalletTxState.PENDING, coinbase, coinbase ? 100 : -1);
        return new WalletEvent.TransactionChanged(row, added, NO_BALANCE);
    }

    private static NodeEvent.FoundBlocks found(long total, int height) {
        return new NodeEvent.FoundBlocks(List.of(new FoundBlock(Hash.ZERO, height, 1_000, 5_000_000_000L,
                FoundBlock.State.IMMATURE, 99)), total);
    }

    @Test
    void aPaymentToUsNotifiesOnceAndABurstIsCountedIntoTheNext() {
        Notices n = new Notices();
        assertTrue(n.on(payment(150_000_000, true, true), 0).isEmpty(), "our own block reward is not a payment");
        assertTrue(n.on(payment(-20_000, true, false), 0).isEmpty(), "a send of ours is not a payment");
        assertTrue(n.on(payment(150_000_000, false, false), 0).isEmpty(), "a change to a known one is not new");
        Notices.Notice first = n.on(payment(150_000_000, true, false), 0).orElseThrow();
        assertEquals("Payment received", first.title());
        assertTrue(first.text().startsWith("1.50 PCH is on its way"), first.text());
        assertTrue(n.on(payment(100_000_000, true, false), 1_000).isEmpty(), "too soon after the last");
        Notices.Notice later = n.on(payment(50_000_000, true, false), Notices.MIN_GAP_MILLIS + 1).orElseThrow();
        assertEquals("2 payments, 1.50 PCH in all, arrived or are on their way", later.text());
    }

    @Test
    void blocksFoundCountFromTheFirstTotalSeenAndPeersLostOnlyFromSomeToNone() {
        Notices n = new Notices();
        assertTrue(n.on(found(7, 10), 0).isEmpty(), "the first total is where counting starts");
        Notices.Notice one = n.on(found(8, 11), 1).orElseThrow();
        assertEquals("Your miner found block 11: 50.00 PCH, spendable in 99 blocks", one.text());
        assertTrue(n.on(found(9, 12), 2).isEmpty());
        assertTrue(n.on(found(12, 15), 3).isEmpty());
        assertEquals("Your miner found 5 blocks, the newest at height 16",
                n.on(found(13, 16), Notices.MIN_GAP_MILLIS + 5).orElseThrow().text());

        PeerSnapshot none = PeerSnapshot.empty(0);
        assertTrue(n.on(new NodeEvent.Peers(none), 0).isEmpty(), "no peers at the start is no loss");
        assertEquals(Optional.empty(), n.on(new NodeEvent.Peers(none), 1));
    }

    private static NodeEvent.Peers peersAt(long timeMillis, long... connectedAtMillis) {
        List<PeerStats> peers = new java.util.ArrayList<>();
        for (long c : connectedAtMillis) {
            peers.add(new PeerStats(peers.size(), "192.0.2.7:8633", "192.0.2.7", true, PeerSource.INBOUND, 1, 0, 0, 0, 0,
                    c, 0, "00112233445566778899aabbccddeeff", 8633, 0, 0, 0, c, c));
        }
        return new NodeEvent.Peers(new PeerSnapshot(peers, List.of(), 0, 0, timeMillis, null));
    }

    @Test
    void aTrackersLivenessCheckComingAndGoingIsNoLostConnectionButASettledPeerLeavingIs() {
        Notices n = new Notices();
        long t = 1_000_000;
        assertTrue(n.on(peersAt(t, t - 200), t).isEmpty(), "a probe connected for 200 ms");
        assertTrue(n.on(peersAt(t + 1_000), t + 1_000).isEmpty(), "the probe leaving is no loss");
        assertTrue(n.on(peersAt(t + 20_000, t + 2_000), t + 20_000).isEmpty(), "a peer that stayed 18 s");
        Notices.Notice lost = n.on(peersAt(t + 21_000), t + 21_000).orElseThrow();
        assertEquals(Notices.Kind.PEERS_LOST, lost.kind());
    }

    @Test
    void whatABurstHeldBackIsToldOnceTheGapHasPassedAndDoesNotCarryIntoALaterNotice() {
        Notices n = new Notices();
        n.startFoundCount(0);
        assertEquals("Your miner found block 1: 50.00 PCH, spendable in 99 blocks",
                n.on(found(1, 1), 0).orElseThrow().text());
        assertTrue(n.on(found(4, 4), 100).isEmpty());
        assertTrue(n.on(payment(150_000_000, true, false), 200).isPresent());
        assertTrue(n.on(payment(70_000_000, true, false), 300).isEmpty());
        assertEquals(List.of(), n.heldBack(Notices.MIN_GAP_MILLIS - 1), "nothing before the gap has passed");

        List<Notices.Notice> held = n.heldBack(Notices.MIN_GAP_MILLIS + 300);
        assertEquals(2, held.size(), held.toString());
        assertEquals("0.70 PCH is on its way: it counts as pending until a block confirms it", held.get(0).text());
        assertEquals("Your miner found 3 blocks, the newest at height 4", held.get(1).text());
        assertEquals(List.of(), n.heldBack(10 * Notices.MIN_GAP_MILLIS), "told once");

        assertEquals("Your miner found block 5: 50.00 PCH, spendable in 99 blocks",
                n.on(found(5, 5), 10 * Notices.MIN_GAP_MILLIS).orElseThrow().text(),
                "the earlier burst is not counted again");
    }

    @Test
    void aRealPaymentBetweenTwoWalletsNotifiesTheReceiverAndLosingItsOnlyPeerToo() throws Exception {
        Node a = net.a();
        Node b = net.bDialling(a);
        TwoNodes.await("connected", () -> a.services().peers().snapshot().peers().size() == 1);
        a.services().wallet().create(PASSWORD.clone(), "");
        b.services().wallet().create(PASSWORD.clone(), "");
        Address toA = Address.parse(a.services().wallet().newAddress("").address(), ChainParams.REGTEST.addressPrefix());
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        for (int i = 0; i <= ChainParams.COINBASE_MATURITY; i++) {
            a.submitBlock(builder.next(toA.keyHash(), 0, List.of()));
        }
        TwoNodes.await("b synced", () -> b.services().chain().height() == ChainParams.COINBASE_MATURITY + 1);

        List<Notices.Notice> atB = new CopyOnWriteArrayList<>();
        Notices rules = new Notices();
        b.services().subscribe(WalletEvent.TransactionChanged.class, e -> rules.on(e, 0).ifPresent(atB::add));
        java.util.concurrent.atomic.AtomicBoolean seenPeer = new java.util.concurrent.atomic.AtomicBoolean();
        b.services().subscribe(NodeEvent.Peers.class, e -> {
            rules.on(e, 0).ifPresent(atB::add);
            seenPeer.compareAndSet(false, e.snapshot().peers().stream()
                    .anyMatch(p -> e.snapshot().timeMillis() - p.connectedAtMillis() >= Notices.SETTLED_MILLIS));
        });
        String toB = b.services().wallet().newAddress("from a").address();
        var review = a.services().wallet().review(SendRequest.to(toB, 250_000_000L, 10));
        a.services().wallet().confirm(review, Optional.of(PASSWORD.clone()));
        TwoNodes.await("the payment noticed at b", () -> !atB.isEmpty());
        assertEquals("Payment received", atB.get(0).title());
        assertTrue(atB.get(0).text().startsWith("2.50 PCH is on its way"), atB.get(0).text());

        TwoNodes.await("b's rules to have seen a snapshot with a settled in it", seenPeer::get);
        net.stop(a);
        TwoNodes.await("the loss of a noticed at b", () -> atB.size() == 2);
        assertEquals(Notices.Kind.PEERS_LOST, atB.get(1).kind());
    }
}
