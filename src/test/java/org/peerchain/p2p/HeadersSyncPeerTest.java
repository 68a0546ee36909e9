package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.p2p.wire.PeerMessages;

/** Initial headers come from one sync peer at a time, with another tried when it goes quiet (issue 5). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeadersSyncPeerTest {
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void headersAreAskedOfOnePeerAtATimeAndOfTheNextWhenTheSyncPeerStaysSilent() throws Exception {
        try (TestNetwork net = new TestNetwork(dir)) {
            Node node = net.start(dir.resolve("n"), List.of(), List.of(),
                    P2pSettings.forLoopbackTests().withStallTimeout(STALL_TIMEOUT));
            BigInteger moreWork = node.chain().tip().chainWork().shiftLeft(20);
            List<ScriptedPeer> peers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    peers.add(ScriptedPeer.handshaken(node.p2pPort(), "127.0.0." + (20 + i), moreWork));
                }
                List<ScriptedPeer> asked = new ArrayList<>();
                long start = System.nanoTime();
                while (asked.size() < 3 && System.nanoTime() - start < STALL_TIMEOUT.multipliedBy(10).toNanos()) {
                    for (ScriptedPeer p : peers) {
                        if (!asked.contains(p) && p.awaitOrNull(PeerMessages.GetHeaders.class, Duration.ofMillis(20)) != null) {
                            asked.add(p);
                            assertEquals(asked.size(), asked.size());
                            for (ScriptedPeer other : peers) {
                                if (!asked.contains(other)) {
                                    assertNull(other.awaitOrNull(PeerMessages.GetHeaders.class, STALL_TIMEOUT.dividedBy(2)),
                                            "only one sync peer is asked at a time");
                                }
                            }
                        }
                    }
                }
                assertEquals(3, asked.size(), "each silent sync peer was replaced by the next");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis >= 2 * STALL_TIMEOUT.toMillis() - 200, "replaced only after the timeout: " + millis + " ms");
            } finally {
                peers.forEach(ScriptedPeer::close);
            }
        }
    }

    @Test
    void syncProgressIsPublishedAtABoundedRate() throws Exception {
        try (TestNetwork net = new TestNetwork(dir)) {
            Node a = net.start(List.of(), List.of());
            org.peerchain.bench.RegtestBlockBuilder builder = new org.peerchain.bench.RegtestBlockBuilder();
            for (int i = 0; i < 3_000; i++) {
                a.submitBlock(builder.next(net.payTo, 0, List.of()));
            }
            Node b = net.start(dir.resolve("b"), List.of(), List.of(), P2pSettings.forLoopbackTests());
            List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
            b.events().subscribe(NetworkEvent.SyncProgress.class, e -> times.add(System.nanoTime()));
            long start = System.nanoTime();
            b.network().addNode(TestNetwork.address(a), PeerNetwork.AddNode.ADD);
            TestNetwork.awaitSameTip(TestNetwork.PROPAGATION_TIMEOUT, a, b);
            // The last report ("caught up") comes at the timer's next turn, which may follow the tip.
            TestNetwork.await("a progress report", TestNetwork.PROPAGATION_TIMEOUT, () -> !times.isEmpty());
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = times.size() / Math.max(seconds, 1.0);
            assertTrue(perSecond <= 1_000.0 / PeerNetwork.MAINTENANCE_INTERVAL_MILLIS + 1,
                    times.size() + " progress events in " + seconds + " s");
        }
    }
}
