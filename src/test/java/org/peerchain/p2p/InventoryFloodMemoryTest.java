package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Hash;
import org.peerchain.p2p.wire.PeerMessages;
import org.peerchain.p2p.wire.WireCodec;

/**
 * Issue 18, finding 4: a hundred peers from a hundred addresses, each sending well-formed {@code inv} messages of
 * made-up transaction ids (the largest allowed, far over the announcement limit) and {@code addr} messages of made-up
 * addresses for {@link #FLOOD} against a node with a 256 MB heap. Before, the per-peer seen-sets (50,000 hashes each)
 * and the global request map filled from such messages ran such a node out of heap within seconds. The node must
 * stay up, keep answering an honest peer's pings within a second, and not blame the flood for its own failures.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class InventoryFloodMemoryTest {
    static final int FLOODERS = 100;
    static final Duration FLOOD = Duration.ofSeconds(20);
    /**
     * Frames each flooder sends a second: 200 a second in all, 2,000 times the announcements a peer is allowed (100
     * a second) and 100 MB/s of inventories. Unpaced, the test's own 100 writing threads would take the two cores
     * from the honest peer's thread, and the pong time would measure the test machine rather than the node.
     */
    static final int FRAMES_PER_SECOND = 2;
    /** Distinct inventories the flooders cycle through: 40 × 5,000 = 200,000 made-up transaction ids. */
    static final int DISTINCT_INVENTORIES = 40;

    @TempDir
    Path dir;

    @Test
    void aHundredPeersFloodingInventoriesAndAddressesDoNotRunA256MegabyteNodeOutOfMemory() throws Exception {
        List<ScriptedPeer> flooders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try (NodeProcess node = NodeProcess.start(dir)) {
            int port = node.p2pPort;
            Random random = new Random(18_4);
            List<byte[]> inventories = new ArrayList<>();
            for (int i = 0; i < DISTINCT_INVENTORIES; i++) {
                List<PeerMessages.InvItem> items = new ArrayList<>();
                for (int k = 0; k < PeerMessages.MAX_INV_SZ; k++) {
                    byte[] h = new byte[Hash.LENGTH];
                    random.nextBytes(h);
                    items.add(new PeerMessages.InvItem(PeerMessages.InvKind.TX, Hash.wrap(h)));
                }
                inventories.add(WireCodec.encode(new PeerMessages.Inv(items)));
            }
            List<PeerMessages.NetAddress> made = new ArrayList<>();
            for (int k = 0; k < PeerMessages.MAX_ADDR_SZ; k++) {
                made.add(new PeerMessages.NetAddress((11 + random.nextInt(80)) + "." + random.nextInt(256) + "."
                        + random.nextInt(256) + "." + (1 + random.nextInt(254)), 1024 + random.nextInt(60_000), 0));
            }
            byte[] addresses = WireCodec.encode(new PeerMessages.Addr(made));
            AtomicLong framesSent = new AtomicLong();
            try (HonestPinger pinger = new HonestPinger(port)) {
                for (int i = 0; i < FLOODERS; i++) {
                    ScriptedPeer p = ScriptedPeer.handshaken(port, "127.0.3." + (i + 1));
                    flooders.add(p);
                    int first = i;
                    Thread t = new Thread(() -> {
                        long end = System.nanoTime() + FLOOD.toNanos();
                        try {
                            long next = System.nanoTime();
                            for (int k = first; System.nanoTime() < end && !p.isClosed(); k++) {
                                p.sendRaw(k % 10 == 0 ? addresses : inventories.get(k % DISTINCT_INVENTORIES));
                                framesSent.incrementAndGet();
                                // the load's pace, not a wait for something: FRAMES_PER_SECOND from each peer
                                next += 1_000_000_000L / FRAMES_PER_SECOND;
                                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                            }
                        } catch (java.io.IOException e) {
                            // dropped by the node: counted below
                        }
                    }, "flooder-" + i);
                    t.setDaemon(true);
                    threads.add(t);
                }
                threads.forEach(Thread::start);
                long end = System.nanoTime() + FLOOD.toNanos();
                long slowest = 0;
                while (System.nanoTime() < end) {
                    // checked each second: the node's exit ends the wait at once
                    assertFalse(node.process.waitFor(1, TimeUnit.SECONDS), () -> "the node died during the flood: " + node.tail());
                    slowest = Math.max(slowest, pinger.slowestMillis());
                    pinger.assertServedWithinOneSecond("during the flood");
                }
                for (Thread t : threads) {
                    t.join(10_000);
                }
                pinger.assertServedWithinOneSecond("at the end of the flood");
                long dropped = flooders.stream().filter(ScriptedPeer::isClosed).count();
                System.out.printf("inventory flood: %,d frames sent by %d peers in %d s; %d of them disconnected;"
                        + " the honest peer's slowest pong %d ms%n", framesSent.get(), FLOODERS, FLOOD.toSeconds(),
                        dropped, slowest);
            }
            assertTrue(node.isAlive(), () -> "the node died: " + node.tail());
            String text = node.log();
            assertFalse(text.contains("OutOfMemoryError") || text.contains("Java heap space"), node::tail);
        } finally {
            flooders.forEach(ScriptedPeer::close);
        }
    }
}
