package org.peerchain.p2p;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerchain.p2p.wire.FrameException;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's inbound port: accepts connections, runs the handshake ({@code version} from the remote
 * side, answered with our {@code version} and {@code verack}, then the remote {@code verack}) and
 * answers {@code ping} with {@code pong}. This is also what the tracker's liveness ping talks to.
 * The P2P layer grows it into the full protocol.
 */
public final class PeerListener implements AutoCloseable {
    /**
     * A connection that has not completed the handshake in this time is dropped. The handshake is two small messages
     * each way (a round trip across the world takes well under a second); ten seconds leaves room for a slow link or a
     * proxy, while a stranger that says nothing holds a slot six times less long than under Bitcoin Core's 60 s
     * ({@code -peertimeout}), our limit before security round 2.
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** A connection that sends nothing for this long (pings included) is dropped. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * What a connection may send before its handshake is complete: the handshake's own messages, each within its small
     * limit (4 KiB). Any other type, or a bigger frame, is refused from its length and type (its first 256 bytes) and
     * the connection closed: a stranger cannot make the node read a 2 MB block before it has said who it is.
     */
    static final MessageCatalog HANDSHAKE_CATALOG = MessageCatalog.standard().only(
            Set.of(Message.Version.TYPE, Message.Verack.TYPE, Message.Error.TYPE),
            new MessageCatalog.Refusal(HandshakeRejection.HANDSHAKE_REQUIRED,
                    "only \"version\", \"verack\" and \"error\" are read before the handshake is complete"));
    /** After a refusal, what the remote side already sent is discarded (at most this much, this long) before closing. */
    private static final int REFUSAL_DRAIN_BYTES = 64 * 1024;
    private static final int REFUSAL_DRAIN_MILLIS = 200;
    public static final int MAX_INBOUND_CONNECTIONS = 125;
    /**
     * Evicted connections still closing (their last frames being written: well under a second) over the slots: past
     * this many, a newcomer to full slots is refused instead of evicting another peer, so a burst of connections cannot
     * close more than this many peers at once.
     */
    static final int MAX_CLOSING_EVICTED = 16;
    public static final int MAX_CONNECTIONS_PER_IP = 8;
    private static final int ACCEPT_BACKLOG = 128;

    private static final Logger log = LoggerFactory.getLogger(PeerListener.class);

    private final NodeIdentity identity;
    /** The full peer protocol after the handshake, or null: then the listener only answers pings. */
    private final InboundSessions sessions;
    private final Duration handshakeTimeout;
    private final ServerSocket server;
    private final Thread acceptor;
    private final ExecutorService connections;
    private final ScheduledExecutorService watchdog;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final InboundSlots slots;
    /** Most connections at once, those in their handshake included; when full, a newcomer may evict an inbound peer. */
    private final int maxInbound;
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong unknownMessages = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closed;

    private PeerListener(NodeIdentity identity, ServerSocket server, Duration handshakeTimeout, InboundSessions sessions) {
        this.identity = identity;
        this.sessions = sessions;
        this.server = server;
        this.handshakeTimeout = handshakeTimeout;
        this.slots = new InboundSlots(sessions == null ? MAX_CONNECTIONS_PER_IP : sessions.maxConnectionsPerIp());
        this.maxInbound = sessions == null ? MAX_INBOUND_CONNECTIONS : sessions.maxInbound();
        String name = "peer-listener-" + server.getLocalPort();
        this.connections = new ThreadPoolExecutor(0, Math.max(1, maxInbound + MAX_CLOSING_EVICTED), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new NamedThreadFactory(name + "-conn"));
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory(name + "-watchdog"));
        w.setRemoveOnCancelPolicy(true);
        this.watchdog = w;
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
    }

    /** Listens on {@code bind:port} (port 0 picks a free one) with the standard handshake timeout. */
    public static PeerListener start(NodeIdentity identity, InetAddress bind, int port) throws IOException {
        return start(identity, bind, port, HANDSHAKE_TIMEOUT);
    }

    /** As {@link #start(NodeIdentity, InetAddress, int)} with another handshake timeout (tests use a short one). */
    public static PeerListener start(NodeIdentity identity, InetAddress bind, int port, Duration handshakeTimeout)
            throws IOException {
        return start(identity, bind, port, handshakeTimeout, null);
    }

    /** As above, handing each connection whose handshake completes to {@code sessions} (the P2P layer). */
    public static PeerListener start(NodeIdentity identity, InetAddress bind, int port, Duration handshakeTimeout,
                                     InboundSessions sessions) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bind, port), ACCEPT_BACKLOG);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        PeerListener l = new PeerListener(identity, s, handshakeTimeout, sessions);
        l.acceptor.start();
        return l;
    }

    /** The port actually listened on. */
    public int port() {
        return server.getLocalPort();
    }

    public int openConnections() {
        return open.size();
    }

    public long handshakesCompleted() {
        return handshakes.get();
    }

    /** Frames of unknown type received after a handshake: ignored, counted. */
    public long unknownMessages() {
        return unknownMessages.get();
    }

    /** Connections refused for a limit or dropped for breaking the handshake rules. */
    public long refusedConnections() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("peer listener on port {} stopped accepting: {}", port(), e.getMessage());
                }
                return;
            }
            admit(s);
        }
    }

    private void admit(Socket s) {
        InetAddress from = s.getInetAddress();
        String overLimit = slots.refusal(from);
        if (overLimit != null) {
            refuse(s, overLimit);
            return;
        }
        String refusal = sessions == null ? null : sessions.refusal(from);
        if (refusal != null) {
            refuse(s, refusal);
            return;
        }
        if (slots.held() >= maxInbound && !makeRoom()) {
            refuse(s, "connection limit reached (" + maxInbound + " inbound connections, none to evict now)");
            return;
        }
        slots.take(from);
        open.add(s);
        try {
            connections.execute(() -> serve(s));
        } catch (RejectedExecutionException e) {
            release(s);
            if (closed) {
                closeQuietly(s);
            } else {
                refuse(s, "connection limit reached (" + maxInbound + " inbound connections)");
            }
        }
    }

    /**
     * The slots are full: the least useful inbound peer is evicted for the newcomer, unless too many evicted ones are
     * still closing. Only the acceptor thread takes slots, so the count cannot rise meanwhile.
     */
    private boolean makeRoom() {
        return sessions != null && slots.held() < maxInbound + MAX_CLOSING_EVICTED && sessions.evictForNewcomer();
    }

    private void refuse(Socket s, String why) {
        refused.incrementAndGet();
        try (s) {
            s.setSoTimeout(1_000);
            new FrameWriter(s.getOutputStream()).tryWrite(new Message.Error(HandshakeRejection.TOO_MANY_CONNECTIONS, why));
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void release(Socket s) {
        if (open.remove(s)) {
            slots.release(s.getInetAddress());
        }
    }

    private void serve(Socket s) {
        ScheduledFuture<?> deadline;
        try {
            deadline = watchdog.schedule(() -> dropSlowHandshake(s), handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            closeQuietly(s);
            release(s);
            return;
        }
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            FrameWriter out = new FrameWriter(s.getOutputStream());
            boolean shook = false;
            try {
                Message.Version theirs = handshake(new FrameReader(s.getInputStream(), HANDSHAKE_CATALOG), out);
                if (theirs == null) {
                    refused.incrementAndGet();
                    return;
                }
                shook = true;
                deadline.cancel(false);
                handshakes.incrementAndGet();
                // the handshake's reader buffers nothing: the full protocol's reader starts at the next frame
                MessageCatalog catalog = sessions == null ? MessageCatalog.standard() : sessions.catalog();
                FrameReader in = new FrameReader(s.getInputStream(), catalog);
                if (sessions != null) {
                    sessions.run(s, theirs, in, out);
                } else {
                    converse(in, out);
                }
            } catch (FrameException e) {
                log.debug("peer {} sent a bad frame: {}", s.getRemoteSocketAddress(), e.getMessage());
                if (!shook) {
                    refused.incrementAndGet();
                }
                out.tryWrite(e.toErrorMessage());
                closeGently(s);
            }
        } catch (IOException e) {
            log.debug("peer {} connection ended: {}", s.getRemoteSocketAddress(), e.getMessage());
        } finally {
            deadline.cancel(false);
            release(s);
        }
    }

    /** The remote {@code version} once the handshake is complete, or null when it failed (the reason sent). */
    private Message.Version handshake(FrameReader in, FrameWriter out) throws IOException {
        Message first = in.read();
        if (!(first instanceof Message.Version v)) {
            if (first != null) {
                out.tryWrite(new Message.Error(HandshakeRejection.HANDSHAKE_REQUIRED,
                        "expected \"version\" first, got \"" + first.type() + "\""));
            }
            return null;
        }
        if (!v.network().equals(identity.networkId())) {
            out.tryWrite(new Message.Error(HandshakeRejection.WRONG_NETWORK,
                    "this node is on network \"" + identity.networkId() + "\", not \"" + v.network() + "\""));
            return null;
        }
        if (v.protocolVersion() < ProtocolVersion.MIN_SUPPORTED) {
            out.tryWrite(new Message.Error(HandshakeRejection.UNSUPPORTED_VERSION, "protocol version " + v.protocolVersion()
                    + " is older than the oldest supported, " + ProtocolVersion.MIN_SUPPORTED));
            return null;
        }
        if (v.nodeId().equals(identity.nodeId())) {
            out.tryWrite(new Message.Error(HandshakeRejection.SELF_CONNECTION, "connected to itself"));
            return null;
        }
        String challenge = NodeKey.challenge();
        out.write(identity.version(port(), challenge));
        out.write(identity.verackFor(v));
        Message second = in.read();
        if (!(second instanceof Message.Verack ack)) {
            if (second != null) {
                out.tryWrite(new Message.Error(HandshakeRejection.HANDSHAKE_REQUIRED,
                        "expected \"verack\", got \"" + second.type() + "\""));
            }
            return null;
        }
        String unproven = identity.checkProof(v, challenge, ack);
        if (unproven != null) {
            out.tryWrite(new Message.Error(HandshakeRejection.BAD_PROOF, unproven));
            return null;
        }
        return v;
    }

    private void converse(FrameReader in, FrameWriter out) throws IOException {
        for (Message m; (m = in.read()) != null; ) {
            if (m instanceof Message.Ping p) {
                out.write(new Message.Pong(p.nonce()));
            } else if (m instanceof Message.Version) {
                out.tryWrite(new Message.Error(HandshakeRejection.DUPLICATE_VERSION, "\"version\" after the handshake"));
                return;
            } else if (m instanceof Message.Unknown) {
                unknownMessages.incrementAndGet();
            }
            // the other known messages (pong, verack, error, tracker messages) need no answer here
        }
    }

    private static void tryError(Socket s, Message.Error e) {
        try {
            new FrameWriter(s.getOutputStream()).tryWrite(e);
        } catch (IOException ignored) {
            // the socket is already gone
        }
    }

    private static void dropSlowHandshake(Socket s) {
        tryError(s, new Message.Error(HandshakeRejection.HANDSHAKE_TIMEOUT, "handshake not completed within the time limit"));
        closeQuietly(s);
    }

    /**
     * Half-closes and discards what the remote side already sent (bounded) before the close: closing a socket with
     * unread input sends a reset, which may make the remote side lose the error frame saying why.
     */
    static void closeGently(Socket s) {
        try {
            s.shutdownOutput();
            s.setSoTimeout(REFUSAL_DRAIN_MILLIS);
            byte[] sink = new byte[8192];
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFUSAL_DRAIN_MILLIS);
            for (int left = REFUSAL_DRAIN_BYTES; left > 0 && System.nanoTime() < end; ) {
                int n = s.getInputStream().read(sink, 0, Math.min(sink.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(PeerListener::closeQuietly);
        connections.shutdownNow();
        watchdog.shutdownNow();
        try {
            acceptor.join(2_000);
            connections.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
