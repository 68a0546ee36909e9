package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerchain.consensus.ChainParams;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.PeerMessages;
import org.peerchain.p2p.wire.WireCodec;

/**
 * A peer under a test's control on a real socket, speaking our framing: it can run the handshake (or a broken
 * one) and then send any message, frame or raw bytes. A reader thread answers the node's pings (unless told not
 * to), takes every other message into a queue and notes when the node closes the connection and the last error
 * frame it sent. Connecting from its own loopback address (127.0.0.x) keeps its bans and per-address counts apart
 * from the honest peers' on 127.0.0.1.
 */
final class ScriptedPeer implements AutoCloseable {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    static final String NETWORK = ChainParams.REGTEST.networkId();

    final Socket socket;
    /** Who this peer is: a key of its own, whose possession its handshakes prove. */
    final NodeIdentity identity = NodeIdentity.fresh(NETWORK);
    final String nodeId = identity.nodeId();
    /** The challenge its {@code version} carries (the node signs it in its {@code verack}). */
    final String challenge = NodeKey.challenge();
    private final OutputStream out;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final AtomicLong pongNonce = new AtomicLong();
    private final java.util.Set<Class<?>> seenTypes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Map<Class<?>, java.util.concurrent.atomic.AtomicInteger> counts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean answerPings = true;
    private volatile boolean closed;
    private volatile Message.Error lastError;

    private ScriptedPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::readLoop, "scripted-peer-" + socket.getLocalAddress().getHostAddress());
        reader.setDaemon(true);
        reader.start();
    }

    /** A bare connection from {@code localHost} (a 127.0.0.x address) to the node's P2P port; no handshake. */
    static ScriptedPeer connect(int port, String localHost) throws IOException {
        Socket s = new Socket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(localHost), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        s.setTcpNoDelay(true);
        return new ScriptedPeer(s);
    }

    /** A connection whose handshake (regtest, current protocol, no listen port, no work) is complete. */
    static ScriptedPeer handshaken(int port, String localHost) throws IOException, InterruptedException {
        return handshaken(port, localHost, BigInteger.ZERO);
    }

    /** As {@link #handshaken(int, String)}, claiming {@code work} of chain work in its {@code version}. */
    static ScriptedPeer handshaken(int port, String localHost, BigInteger work) throws IOException, InterruptedException {
        ScriptedPeer p = connect(port, localHost);
        p.send(new Message.Version(NETWORK, ProtocolVersion.CURRENT, p.nodeId, 0, work.signum() == 0 ? 0 : 1_000_000, work,
                p.identity.key().publicKeyHex(), p.challenge));
        Message.Version theirs = p.await(Message.Version.class);
        p.await(Message.Verack.class);
        p.send(p.verackFor(theirs));
        return p;
    }

    Message.Version version(String network, int protocolVersion) {
        return new Message.Version(network, protocolVersion, nodeId, 0, 0, BigInteger.ZERO, identity.key().publicKeyHex(),
                challenge);
    }

    /** This peer's {@code verack} to the node's {@code version}: the proof that it holds its key. */
    Message.Verack verackFor(Message.Version theirs) {
        return identity.verackFor(theirs);
    }

    void dontAnswerPings() {
        answerPings = false;
    }

    void send(Message m) throws IOException {
        sendRaw(WireCodec.encode(m));
    }

    /** Sends {@code m}, which the node may refuse from its length alone and close the connection while it is written. */
    void sendUntilClosed(Message m) {
        try {
            send(m);
        } catch (IOException e) {
            // the node closed the connection before the whole frame was written
        }
    }

    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes {@code bytes} one byte per write (and per TCP segment: no delay is on). */
    synchronized void sendOneByteAtATime(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
        }
    }

    /** A frame around any body: the 4-byte big-endian length and the UTF-8 bytes of {@code json}. */
    static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    /** The next message of type {@code type}, skipping others; fails after {@link #READ_TIMEOUT}. */
    <T extends Message> T await(Class<T> type) throws InterruptedException {
        return await(type, READ_TIMEOUT);
    }

    <T extends Message> T await(Class<T> type, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Message m = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (m != null) {
                seenTypes.add(m.getClass());
            }
            if (m != null && type.isInstance(m)) {
                return type.cast(m);
            }
            if (m == null) {
                fail("no \"" + type.getSimpleName() + "\" within " + timeout.toMillis() + " ms"
                        + (closed ? " (the node closed the connection" + errorText() + ")" : ""));
            }
        }
    }

    /** As {@link #await(Class, Duration)}, but null (not a failure) when none comes or the connection closes. */
    <T extends Message> T awaitOrNull(Class<T> type, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Message m = received.poll(Math.max(0, Math.min(left, 50_000_000L)), TimeUnit.NANOSECONDS);
            if (m != null) {
                seenTypes.add(m.getClass());
                if (type.isInstance(m)) {
                    return type.cast(m);
                }
            } else if (closed && received.isEmpty() || left <= 0) {
                return null;
            }
        }
    }

    /** True when a message of {@code type} has been taken from the queue (by an await) or is waiting in it. */
    boolean receivedAny(Class<? extends Message> type) {
        return received.stream().anyMatch(type::isInstance) || seenTypes.stream().anyMatch(t -> t == type);
    }

    /** How many messages of {@code type} the node has sent on this connection so far (pings answered aside). */
    int receivedCount(Class<? extends Message> type) {
        java.util.concurrent.atomic.AtomicInteger n = counts.get(type);
        return n == null ? 0 : n.get();
    }

    /** Sends a ping and waits for its pong: the node still reads and answers this connection. */
    void pingPong() throws IOException, InterruptedException {
        long nonce = pongNonce.incrementAndGet();
        send(new Message.Ping(nonce));
        while (await(Message.Pong.class).nonce() != nonce) {
            // an older pong
        }
    }

    /** Waits until the node has closed the connection; returns the last error frame it sent, or null. */
    Message.Error awaitClosed(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        if (reader.isAlive()) {
            fail("the node did not close the connection within " + timeout.toMillis() + " ms");
        }
        return lastError;
    }

    Message.Error awaitClosed() throws InterruptedException {
        return awaitClosed(READ_TIMEOUT);
    }

    /** The error frame the node sent before closing, which must exist. */
    Message.Error awaitClosedWithError() throws InterruptedException {
        Message.Error e = awaitClosed();
        if (e == null) {
            fail("the node closed the connection without an error frame");
        }
        return e;
    }

    static Message.Error assertError(Message m) {
        return assertInstanceOf(Message.Error.class, m);
    }

    boolean isClosed() {
        return closed;
    }

    private String errorText() {
        Message.Error e = lastError;
        return e == null ? "" : ", last error " + e.code() + ": " + e.message();
    }

    private void readLoop() {
        try {
            socket.setSoTimeout((int) Duration.ofMinutes(2).toMillis());
            FrameReader in = new FrameReader(socket.getInputStream(), PeerMessages.catalog());
            for (Message m; (m = in.read()) != null; ) {
                if (m instanceof Message.Ping p && answerPings) {
                    send(new Message.Pong(p.nonce()));
                    continue;
                }
                if (m instanceof Message.Error e) {
                    lastError = e;
                }
                counts.computeIfAbsent(m.getClass(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                received.add(m);
            }
        } catch (IOException e) {
            // the node reset the connection, or the test closed it
        } finally {
            closed = true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
