package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeerListenerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final NodeIdentity node = new NodeIdentity("regtest", NodeKey.generate(), () -> 77, () -> BigInteger.TEN);
    private PeerListener listener;

    @BeforeEach
    void start() throws IOException {
        listener = PeerListener.start(node, LOOPBACK, 0, Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(LOOPBACK, listener.port());
        s.setSoTimeout(5_000);
        return s;
    }

    /** A version from a new peer of {@code network} claiming {@code nodeId}, with a key of its own. */
    private static Message.Version versionFrom(String network, String nodeId) {
        return new Message.Version(network, ProtocolVersion.CURRENT, nodeId, 0, 0, BigInteger.ZERO,
                NodeKey.generate().publicKeyHex(), NodeKey.challenge());
    }

    @Test
    void completesTheHandshakeAndAnswersPingWithPong() throws IOException {
        try (Socket s = connect()) {
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            Message.Version theirs = RawHandshake.run(in, out, NodeIdentity.fresh("regtest"));
            assertEquals(node.nodeId(), theirs.nodeId());
            assertEquals(listener.port(), theirs.port());
            assertEquals(77, theirs.height());
            assertEquals(BigInteger.TEN, theirs.work());
            out.write(new Message.Ping(1234));
            assertEquals(new Message.Pong(1234), in.read());
        }
    }

    @Test
    void probeMeasuresARoundTripThroughTheListener() throws IOException {
        PeerProbe.Answer answer = PeerProbe.probe(new InetSocketAddress(LOOPBACK, listener.port()),
                NodeIdentity.fresh("regtest"), Duration.ofSeconds(5));
        assertTrue(answer.rttNanos() > 0);
        assertEquals(node.bestHeight().getAsLong(), answer.height(), "the height the listener's node gave");
    }

    @Test
    void refusesAVersionFromAnotherNetworkWithAnError() throws IOException {
        try (Socket s = connect()) {
            new FrameWriter(s.getOutputStream()).write(versionFrom("main", NodeKey.generate().nodeId()));
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            Message.Error e = assertInstanceOf(Message.Error.class, in.read());
            assertEquals(HandshakeRejection.WRONG_NETWORK, e.code());
            assertNull(in.read(), "then closes");
        }
    }

    @Test
    void refusesAnOldProtocolVersion() throws IOException {
        try (Socket s = connect()) {
            // as a node of protocol 1 sent it: no node key, no challenge
            byte[] old = ("{\"type\":\"version\",\"network\":\"regtest\",\"protocolVersion\":1,\"nodeId\":\""
                    + NodeKey.generate().nodeId() + "\",\"port\":0,\"height\":0,\"work\":\"0\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s.getOutputStream().write(java.nio.ByteBuffer.allocate(4 + old.length).putInt(old.length).put(old).array());
            Message.Error e = assertInstanceOf(Message.Error.class,
                    new FrameReader(s.getInputStream(), MessageCatalog.standard()).read());
            assertEquals(HandshakeRejection.UNSUPPORTED_VERSION, e.code());
        }
    }

    @Test
    void dropsAConnectionToItself() throws IOException {
        try (Socket s = connect()) {
            new FrameWriter(s.getOutputStream()).write(versionFrom("regtest", node.nodeId()));
            Message.Error e = assertInstanceOf(Message.Error.class,
                    new FrameReader(s.getInputStream(), MessageCatalog.standard()).read());
            assertEquals(HandshakeRejection.SELF_CONNECTION, e.code());
        }
        assertThrows(PeerProbe.ProbeFailure.class, () -> PeerProbe.probe(new InetSocketAddress(LOOPBACK, listener.port()),
                node, Duration.ofSeconds(5)));
    }

    @Test
    void refusesAPeerThatClaimsAnIdItHoldsNoKeyFor() throws IOException {
        NodeIdentity stranger = NodeIdentity.fresh("regtest");
        String someoneElse = NodeKey.generate().nodeId();
        try (Socket s = connect()) {
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            String challenge = NodeKey.challenge();
            out.write(new Message.Version("regtest", ProtocolVersion.CURRENT, someoneElse, 0, 0, BigInteger.ZERO,
                    stranger.key().publicKeyHex(), challenge));
            Message.Version theirs = assertInstanceOf(Message.Version.class, in.read());
            Message.Verack ack = assertInstanceOf(Message.Verack.class, in.read());
            assertNull(NodeKey.checkProof("regtest", theirs.nodeId(), theirs.nodeKey(), someoneElse, challenge, ack.proof()),
                    "the listener proves its own id, to the id the stranger claims");
            out.write(stranger.verackFor(theirs));
            Message.Error e = assertInstanceOf(Message.Error.class, in.read());
            assertEquals(HandshakeRejection.BAD_PROOF, e.code());
            assertEquals("node id " + someoneElse + " is not the id of the node key it sent", e.message());
        }
    }

    @Test
    void refusesAProofMadeForAnotherChallenge() throws IOException {
        NodeIdentity peer = NodeIdentity.fresh("regtest");
        try (Socket s = connect()) {
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            out.write(peer.version(0, NodeKey.challenge()));
            Message.Version theirs = assertInstanceOf(Message.Version.class, in.read());
            in.read();
            // a proof replayed from another connection signs that connection's challenge, not this one's
            out.write(new Message.Verack(peer.key().prove("regtest", theirs.nodeId(), NodeKey.challenge())));
            Message.Error e = assertInstanceOf(Message.Error.class, in.read());
            assertEquals(HandshakeRejection.BAD_PROOF, e.code());
        }
    }

    @Test
    void dropsAPeerWhoseFirstMessageIsNotVersion() throws IOException {
        try (Socket s = connect()) {
            new FrameWriter(s.getOutputStream()).write(new Message.Ping(1));
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            Message.Error e = assertInstanceOf(Message.Error.class, in.read());
            assertEquals(HandshakeRejection.HANDSHAKE_REQUIRED, e.code());
            assertNull(in.read());
        }
    }

    @Test
    void dropsAPeerThatDoesNotFinishTheHandshakeInTime() throws IOException {
        try (Socket s = connect()) {
            long start = System.nanoTime();
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            Message.Error e = assertInstanceOf(Message.Error.class, in.read());
            assertEquals(HandshakeRejection.HANDSHAKE_TIMEOUT, e.code());
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(400).toNanos());
        }
    }

    @Test
    void ignoresButCountsUnknownMessagesAfterTheHandshake() throws Exception {
        try (Socket s = connect()) {
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            RawHandshake.run(in, out, NodeIdentity.fresh("regtest"));
            byte[] body = "{\"type\":\"newfeature\",\"x\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s.getOutputStream().write(java.nio.ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
            out.write(new Message.Ping(5));
            assertEquals(new Message.Pong(5), in.read(), "still talking after the unknown frame");
            assertEquals(1, listener.unknownMessages());
        }
    }

    @Test
    void closeStopsAcceptingAndEndsOpenConnections() throws IOException {
        Socket s = connect();
        listener.close();
        try {
            assertNull(new FrameReader(s.getInputStream(), MessageCatalog.standard()).read(), "closed: end of stream");
        } catch (java.net.SocketException reset) {
            // closed before it was accepted: the backlog is reset, which ends it just as well
        }
        s.close();
        assertThrows(IOException.class, () -> new Socket(LOOPBACK, listener.port()).close());
    }
}
