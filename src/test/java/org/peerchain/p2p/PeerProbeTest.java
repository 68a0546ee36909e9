package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;
import org.peerchain.testing.Await;

/**
 * A probe against a scripted peer on a real socket: it keeps the height the peer gave in its handshake and passes
 * over the frames a busy node sends before its {@code pong}, up to a bound.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeerProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long PEER_HEIGHT = 4_321;

    @Test
    void aPeerThatGossipsBeforeItsPongIsAliveAndItsHandshakeHeightIsKept() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = scriptedPeer(server, 500); // a regtest miner's block announcements
            PeerProbe.Answer answer = PeerProbe.probe(address(server), NodeIdentity.fresh("regtest"), TIMEOUT);
            assertEquals(PEER_HEIGHT, answer.height());
            assertTrue(answer.rttNanos() > 0);
            peer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPeerThatNeverPongsAmongTheBoundedFramesFailsInWords() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            scriptedPeer(server, PeerProbe.MAX_FRAMES_BEFORE_PONG);
            PeerProbe.ProbeFailure failure = assertThrows(PeerProbe.ProbeFailure.class,
                    () -> PeerProbe.probe(address(server), NodeIdentity.fresh("regtest"), TIMEOUT));
            assertEquals("no \"pong\" among the peer's first 4096 frames after the ping", failure.getMessage());
        }
    }

    @Test
    void aPeerThatKeepsTalkingButNeverPongsFailsWhenTheTimeoutIsUp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // a frame every 50 ms, never the pong: each read is well within the timeout
            scriptedPeer(server, 100, 50, false);
            long start = System.nanoTime();
            PeerProbe.ProbeFailure failure = assertThrows(PeerProbe.ProbeFailure.class,
                    () -> PeerProbe.probe(address(server), NodeIdentity.fresh("regtest"), Duration.ofMillis(600)));
            assertTrue(failure.getMessage().startsWith("no \"pong\" within 600 ms of the ping ("), failure.getMessage());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000, "gave up at the timeout, not after every frame");
        }
    }

    /**
     * A tracker probes again while the node still holds its last probe's connection (the node has not yet read the
     * reset): the node proves its id and refuses the second connection as already connected. It answered, so it is
     * alive; the round trip is the handshake's.
     */
    @Test
    void aNodeStillHoldingTheLastProbesConnectionIsAlive(@TempDir Path dir) throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF).withP2pPort(0))) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.p2pPort());
            NodeIdentity tracker = NodeIdentity.fresh("peerchain-regtest");
            try (Socket held = new Socket()) {
                held.connect(target, 5_000);
                held.setSoTimeout(5_000);
                FrameReader in = new FrameReader(held.getInputStream(), MessageCatalog.standard());
                FrameWriter out = new FrameWriter(held.getOutputStream());
                out.write(tracker.version(0, NodeKey.challenge()));
                Message first = in.read();
                Message.Version theirs = assertInstanceOf(Message.Version.class, first, () -> "got " + first);
                in.read(); // verack
                out.write(tracker.verackFor(theirs));
                Await.until(Duration.ofSeconds(10), "the first connection registered",
                        () -> node.network().connectionCount() == 1);

                PeerProbe.Answer answer = PeerProbe.probe(target, tracker, TIMEOUT);
                assertEquals(node.network().nodeId(), answer.nodeId());
                assertEquals(0, answer.height());
                assertTrue(answer.rttNanos() > 0);
            }
        }
    }

    private static InetSocketAddress address(ServerSocket server) {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** A regtest peer at {@link #PEER_HEIGHT} that sends {@code gossip} pings of its own before answering ours. */
    private static CompletableFuture<Void> scriptedPeer(ServerSocket server, int gossip) {
        return scriptedPeer(server, gossip, 0, true);
    }

    /**
     * A regtest peer at {@link #PEER_HEIGHT} that sends {@code gossip} pings of its own, {@code gapMillis} apart, after
     * our ping, then answers it if {@code pong}.
     */
    private static CompletableFuture<Void> scriptedPeer(ServerSocket server, int gossip, long gapMillis, boolean pong) {
        return CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
                FrameWriter out = new FrameWriter(s.getOutputStream());
                Message.Version probe = (Message.Version) in.read();
                NodeIdentity peer = new NodeIdentity("regtest", NodeKey.generate(), () -> PEER_HEIGHT, () -> BigInteger.ONE);
                out.write(peer.version(0, NodeKey.challenge()));
                out.write(peer.verackFor(probe));
                in.read();
                Message.Ping ping = (Message.Ping) in.read();
                for (int i = 0; i < gossip; i++) {
                    out.write(new Message.Ping(i));
                    if (gapMillis > 0) {
                        Thread.sleep(gapMillis);
                    }
                }
                if (pong) {
                    out.write(new Message.Pong(ping.nonce()));
                    in.read(); // the probe closes
                }
            } catch (IOException e) {
                // the probe closed early (the too-many-frames and timeout cases): nothing to tell
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
