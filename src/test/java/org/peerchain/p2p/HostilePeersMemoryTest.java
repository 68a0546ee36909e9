package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Hash;
import org.peerchain.p2p.wire.PeerMessages;

/**
 * The flood cases against a node in its own JVM with a 256 MB heap ({@code -Xmx256m}, exiting on an
 * out-of-memory error): 100 MB of junk, 100 MB of frames of unknown type, oversized inventories, and peers that
 * ask for headers over and over without reading the answers, all at once from several addresses. The node must
 * stay alive and keep answering an honest peer's pings within a second.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostilePeersMemoryTest {
    static final long JUNK_BYTES = 100L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void floodsDoNotRunANodeWithA256MegabyteHeapOutOfMemory() throws Exception {
        ExecutorService attackers = Executors.newFixedThreadPool(8);
        try (NodeProcess node = NodeProcess.start(dir)) {
            int port = node.p2pPort;
            try (HonestPinger pinger = new HonestPinger(port)) {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String host = "127.0.1." + (i + 1);
                    running.add(attackers.submit(() -> {
                        try (ScriptedPeer p = ScriptedPeer.handshaken(port, host)) {
                            HostilePeersTest.sendJunk(p, JUNK_BYTES);
                            p.awaitClosed();
                        }
                        return null;
                    }));
                }
                running.add(attackers.submit(() -> {
                    try (ScriptedPeer p = ScriptedPeer.handshaken(port, "127.0.1.10")) {
                        byte[] frame = unknownFrame(4 * 1024 * 1024);
                        for (long sent = 0; sent < JUNK_BYTES && !p.isClosed(); sent += frame.length) {
                            p.sendRaw(frame);
                        }
                        p.pingPong();
                    }
                    return null;
                }));
                for (int i = 0; i < 3; i++) {
                    String host = "127.0.1." + (20 + i);
                    running.add(attackers.submit(() -> {
                        try (ScriptedPeer p = ScriptedPeer.handshaken(port, host)) {
                            p.sendUntilClosed(new PeerMessages.Inv(
                                    IntStream.range(0, 50_001).mapToObj(k -> new PeerMessages.InvItem(PeerMessages.InvKind.TX,
                                            Hash.wrap(java.nio.ByteBuffer.allocate(32).putInt(k).array())))
                                            .collect(Collectors.toList())));
                            p.awaitClosed();
                        }
                        return null;
                    }));
                }
                List<java.net.Socket> nonReaders = new java.util.concurrent.CopyOnWriteArrayList<>();
                java.util.concurrent.atomic.AtomicLong lastWrite = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
                java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
                for (int i = 0; i < 4; i++) {
                    String host = "127.0.1." + (30 + i);
                    attackers.submit(() -> {
                        // Asks for the genesis block thousands of times and never reads: the node must not queue it all.
                        try (java.net.Socket s = new java.net.Socket()) {
                            nonReaders.add(s);
                            s.bind(new java.net.InetSocketAddress(host, 0));
                            s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
                            org.peerchain.p2p.wire.FrameWriter out = new org.peerchain.p2p.wire.FrameWriter(s.getOutputStream());
                            org.peerchain.p2p.wire.FrameReader in = new org.peerchain.p2p.wire.FrameReader(s.getInputStream(),
                                    PeerMessages.catalog());
                            RawHandshake.run(in, out, NodeIdentity.fresh(ScriptedPeer.NETWORK));
                            Hash genesis = org.peerchain.consensus.ChainParams.REGTEST.genesisHash();
                            byte[] ask = org.peerchain.p2p.wire.WireCodec.encode(new PeerMessages.GetData(IntStream
                                    .range(0, PeerMessages.MAX_INV_SZ).mapToObj(k -> new PeerMessages.InvItem(
                                            PeerMessages.InvKind.BLOCK, genesis)).collect(Collectors.toList())));
                            s.setSoTimeout(1_000);
                            for (int k = 0; k < 200; k++) {
                                s.getOutputStream().write(ask);
                                requests.addAndGet(PeerMessages.MAX_INV_SZ);
                                lastWrite.set(System.nanoTime());
                            }
                        } catch (java.io.IOException e) {
                            // dropped by the node, or closed by the test
                        }
                        return null;
                    });
                }
                for (Future<?> f : running) {
                    f.get(90, TimeUnit.SECONDS);
                }
                // The non-reading peers write until the node stops reading them (their answers unread): then
                // their writes block. Without that backpressure each could make the node queue 64 MB.
                TestNetwork.await("the non-reading peers' writes to block or end", Duration.ofSeconds(60),
                        () -> System.nanoTime() - lastWrite.get() > Duration.ofSeconds(2).toNanos());
                System.out.println("memory test: " + requests.get() + " block requests written by peers that never read");
                pinger.assertServedWithinOneSecond("during the floods");
                for (java.net.Socket s : nonReaders) {
                    s.close();
                }
            }
            assertTrue(node.isAlive(), () -> "the node died: " + node.tail());
            assertFalse(node.log().contains("OutOfMemoryError"), node::tail);
        } finally {
            attackers.shutdownNow();
        }
    }

    private static byte[] unknownFrame(int size) {
        StringBuilder b = new StringBuilder("{\"type\":\"junk\",\"x\":\"");
        while (b.length() < size - 2) {
            b.append('a');
        }
        b.append("\"}");
        return ScriptedPeer.frame(b.toString());
    }
}
