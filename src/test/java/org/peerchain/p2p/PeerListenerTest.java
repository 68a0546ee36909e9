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
    private final NodeIdentity node = new NodeIdentity("regtest", NodeIdentity.newNodeId(), () -> 77, () -> BigInteger.TEN);
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

    private static Message.Version versionFrom(String network, String nodeId) {
        return new Message.Version(network, ProtocolVersion.CURRENT, nodeId, 0, 0, BigInteger.ZERO);
    }

    @Test
    void completesTheHandshakeAndAnswersPingWithPong() throws IOException {
        try (Socket s = connect()) {
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            out.write(versionFrom("regtest", NodeIdentity.newNodeId()));
            Message.Version theirs = assertInstanceOf(Message.Version.class, in.read());
            assertEquals(node.nodeId(), theirs.nodeId());
            assertEquals(listener.port(), theirs.port());
            assertEquals(77, theirs.height());
            assertEquals(BigInteger.TEN, theirs.work());
            assertInstanceOf(Message.Verack.class, in.read());
            out.write(new Message.Verack());
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
            new FrameWriter(s.getOutputStream()).write(versionFrom("main", NodeIdentity.newNodeId()));
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            Message.Error e = assertInstanceOf(Message.Error.class, in.read());
            assertEquals(HandshakeRejection.WRONG_NETWORK, e.code());
            assertNull(in.read(), "then closes");
        }
    }

    @Test
    void refusesAnOldProtocolVersion() throws IOException {
        try (Socket s = connect()) {
            new FrameWriter(s.getOutputStream()).write(new Message.Version("regtest", ProtocolVersion.MIN_SUPPORTED - 1,
                    NodeIdentity.newNodeId(), 0, 0, BigInteger.ZERO));
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
            out.write(versionFrom("regtest", NodeIdentity.newNodeId()));
            in.read();
            in.read();
            out.write(new Message.Verack());
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
