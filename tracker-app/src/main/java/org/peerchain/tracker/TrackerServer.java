package org.peerchain.tracker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.peerchain.p2p.NamedThreadFactory;
import org.peerchain.p2p.HandshakeRejection;
import org.peerchain.p2p.NodeKey;
import org.peerchain.p2p.ProtocolVersion;
import org.peerchain.p2p.wire.FrameException;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;
import org.peerchain.p2p.wire.WireLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's TCP port: one thread per connection from a bounded pool, frames as in
 * docs/PROTOCOL.md. A connection may carry several requests, pipelined: answers are buffered and
 * flushed once no further request is already received; it is closed after an idle timeout,
 * a read timeout inside a frame, or any bad frame (after an {@code error} frame saying why).
 */
public final class TrackerServer implements AutoCloseable {
    /** Time allowed between frames before the connection is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Time allowed for the rest of a frame once its first byte has arrived. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    public static final int MAX_CONNECTIONS = 256;
    public static final int MAX_CONNECTIONS_PER_IP = 16;
    /** The tracker only ever receives small frames, so it will not buffer more than this per connection. */
    public static final int MAX_FRAME_BYTES = WireLimits.MAX_CONTROL_MESSAGE_BYTES;
    private static final int ACCEPT_BACKLOG = 256;
    /** Socket buffers of a connection: a few pipelined requests in, a few 50-peer answers out per system call. */
    private static final int IO_BUFFER_BYTES = 32 * 1024;

    public static final String BANNED = "banned";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String TOO_MANY_REGISTRATIONS = "too-many-registrations";
    public static final String UNSUPPORTED_VERSION = "unsupported-version";
    public static final String BUSY = "busy";

    private static final Logger log = LoggerFactory.getLogger(TrackerServer.class);
    private static final MessageCatalog CATALOG = MessageCatalog.standard().withMaxFrameBytes(MAX_FRAME_BYTES);

    private final TrackerConfig config;
    private final PeerRegistry registry;
    private final TrackerMetrics metrics;
    private final Consumer<PeerKey> onNewPeer;
    private final AnnounceRateLimiter rateLimiter;
    private final ServerSocket server;
    private final Thread acceptor;
    private final ExecutorService pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perIp = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param onNewPeer told of each newly registered peer (the pinger checks it at once)
     */
    TrackerServer(TrackerConfig config, PeerRegistry registry, TrackerMetrics metrics, Consumer<PeerKey> onNewPeer)
            throws IOException {
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        this.onNewPeer = onNewPeer;
        this.rateLimiter = new AnnounceRateLimiter(config.announcesPerSecondPerIp(), config.announceBurst());
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), ACCEPT_BACKLOG);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot listen on port " + config.port() + ": " + e.getMessage()
                    + (e instanceof java.net.BindException ? " (is another program using it?)" : ""), e);
        }
        this.server = s;
        this.pool = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new NamedThreadFactory("tracker-conn"));
        this.acceptor = new Thread(this::acceptLoop, "tracker-accept-" + s.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.error("tracker stopped accepting connections: {}", e.getMessage());
                }
                return;
            }
            metrics.connections.increment();
            admit(s);
        }
    }

    private void admit(Socket s) {
        String ip = s.getInetAddress().getHostAddress();
        if (registry.isBanned(ip)) {
            refuse(s, BANNED, "address " + ip + " is banned from this tracker");
            return;
        }
        if (open.size() >= MAX_CONNECTIONS) {
            refuse(s, BUSY, "tracker has " + MAX_CONNECTIONS + " connections open; try again later");
            return;
        }
        if (perIp.merge(ip, 1, Integer::sum) > MAX_CONNECTIONS_PER_IP) {
            perIp.computeIfPresent(ip, (k, v) -> v <= 1 ? null : v - 1);
            refuse(s, BUSY, "more than " + MAX_CONNECTIONS_PER_IP + " connections from " + ip);
            return;
        }
        open.add(s);
        try {
            pool.execute(() -> serve(s, ip));
        } catch (RejectedExecutionException e) {
            release(s, ip);
            refuse(s, BUSY, "tracker is shutting down or full");
        }
    }

    private void release(Socket s, String ip) {
        open.remove(s);
        perIp.computeIfPresent(ip, (k, v) -> v <= 1 ? null : v - 1);
    }

    private static void refuse(Socket s, String code, String why) {
        try (s) {
            s.setSoTimeout(1_000);
            new FrameWriter(s.getOutputStream()).tryWrite(new Message.Error(code, why));
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void serve(Socket s, String ip) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            converse(s.getInputStream(), s.getOutputStream(), ip, () -> readTimeout(s), () -> idleTimeout(s));
        } catch (IOException e) {
            log.debug("connection from {} ended: {}", ip, e.getMessage());
        } finally {
            release(s, ip);
        }
    }

    /** The socket's input, buffered, telling how many bytes it holds: pipelined requests are answered in one flush. */
    private static final class SocketInput extends BufferedInputStream {
        SocketInput(InputStream in) {
            super(in, IO_BUFFER_BYTES);
        }

        /** Bytes already received and not yet read; 0 means the next read waits on the socket. */
        synchronized int buffered() {
            return count - pos;
        }
    }

    /**
     * One connection's conversation, from its first frame to its end, a bad frame or a message that
     * closes it; {@code ip} is the address observed for it. Separate from the socket so that it can be
     * driven from memory (the fuzz target does).
     *
     * @param onFrameStart runs when a frame's first byte arrives
     * @param onFrameDone  runs after each frame is handled
     */
    void converse(InputStream input, OutputStream output, String ip, Runnable onFrameStart, Runnable onFrameDone)
            throws IOException {
        SocketInput buffered = new SocketInput(input);
        FrameReader in = new FrameReader(buffered, CATALOG, onFrameStart);
        FrameWriter out = new FrameWriter(new BufferedOutputStream(output, IO_BUFFER_BYTES));
        try {
            for (Message m; !closed && (m = in.read()) != null; ) {
                onFrameDone.run();
                if (!handle(m, ip, out)) {
                    out.flush();
                    return;
                }
                // Pipelined requests already received are answered together, in one flush.
                if (buffered.buffered() == 0) {
                    out.flush();
                }
            }
            out.flush();
        } catch (FrameException e) {
            metrics.frameRejected(e.code());
            log.debug("closing {}: {}", ip, e.getMessage());
            out.tryWrite(e.toErrorMessage());
        }
    }

    private static void idleTimeout(Socket s) {
        try {
            s.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
        } catch (SocketException ignored) {
            // the next read fails and ends the connection
        }
    }

    private static void readTimeout(Socket s) {
        try {
            s.setSoTimeout((int) READ_TIMEOUT.toMillis());
        } catch (SocketException ignored) {
            // the next read fails and ends the connection
        }
    }

    /** Answers one message; false when the connection must be closed. */
    private boolean handle(Message m, String ip, FrameWriter out) throws IOException {
        if (m instanceof Message.Announce a) {
            return announce(a, ip, out);
        } else if (m instanceof Message.GetPeers g) {
            if (!rateLimit(ip, out)) {
                return false;
            }
            metrics.getPeers.increment();
            out.appendPeers(registry.sampleEntries(g.network(), null, PeerRegistry.MAX_SAMPLE));
        } else if (m instanceof Message.Leave l) {
            metrics.leaves.increment();
            PeerKey key = new PeerKey(l.network(), ip, l.port());
            registry.leave(key, l.nodeId());
        } else if (m instanceof Message.Ping p) {
            out.append(new Message.Pong(p.nonce()));
        } else if (m instanceof Message.Unknown) {
            metrics.unknownMessages.increment();
        }
        // other known messages (pong, error, ...) mean nothing to a tracker and are ignored
        return true;
    }

    private boolean announce(Message.Announce a, String ip, FrameWriter out) throws IOException {
        if (!rateLimit(ip, out)) {
            return false;
        }
        if (a.protocolVersion() < ProtocolVersion.MIN_SUPPORTED) {
            metrics.announcesRefused.increment();
            out.write(new Message.Error(UNSUPPORTED_VERSION, "protocol version " + a.protocolVersion()
                    + " is older than the oldest supported, " + ProtocolVersion.MIN_SUPPORTED));
            return false;
        }
        PeerKey key = new PeerKey(a.network(), ip, a.port());
        // A node is registered, or its id at an address changed, only on the proof that it holds the id's key; a
        // re-announce of what is registered costs no signature check.
        boolean known = a.nodeId().equals(registry.registeredNodeId(key));
        String unproven = known ? null : NodeKey.checkAnnounce(a, System.currentTimeMillis() / 1000);
        if (unproven != null) {
            metrics.announcesRefused.increment();
            out.write(new Message.Error(HandshakeRejection.BAD_PROOF, unproven));
            return false;
        }
        PeerRegistry.Announced announced = registry.announceAndSample(key, a.nodeId(), a.protocolVersion(), a.height(),
                config.maxPeersPerIp(), PeerRegistry.MAX_SAMPLE);
        switch (announced.outcome()) {
            case BANNED -> {
                metrics.announcesRefused.increment();
                out.write(new Message.Error(BANNED, "address " + ip + " is banned from this tracker"));
                return false;
            }
            case TOO_MANY_FROM_ADDRESS -> {
                return refuseRegistration(ip, out, "over " + config.maxPeersPerIp() + " peers from one address",
                        "address " + ip + " already has " + config.maxPeersPerIp() + " registered peers");
            }
            case TOO_MANY_FROM_IPV6_64 -> {
                String slash64 = PeerRegistry.ipv6Slash64(ip);
                return refuseRegistration(ip, out, "over " + PeerRegistry.MAX_PEERS_PER_IPV6_64 + " peers from " + slash64,
                        "network " + slash64 + " already has " + PeerRegistry.MAX_PEERS_PER_IPV6_64
                                + " registered peers, the most one IPv6 /64 may have");
            }
            case REGISTRY_FULL -> {
                return refuseRegistration(ip, out, "the registry holds " + PeerRegistry.MAX_REGISTRATIONS + " peers",
                        "the tracker holds " + PeerRegistry.MAX_REGISTRATIONS
                                + " registered peers, the most it takes; try again later");
            }
            case ADDED -> {
                registry.event("new peer " + key + " (node " + a.nodeId() + ")");
                onNewPeer.accept(key);
            }
            case UPDATED -> {
            }
        }
        metrics.announces.increment();
        out.appendPeers(announced.sample());
        return true;
    }

    /** Refuses a new registration over a cap (the connection stays open); {@code why} goes to the operator's log. */
    private boolean refuseRegistration(String ip, FrameWriter out, String why, String message) throws IOException {
        metrics.announcesRefused.increment();
        registry.event("refused announce from " + ip + ": " + why);
        out.write(new Message.Error(TOO_MANY_REGISTRATIONS, message));
        return true;
    }

    private boolean rateLimit(String ip, FrameWriter out) {
        if (rateLimiter.tryAcquire(ip, System.nanoTime())) {
            return true;
        }
        metrics.rateLimited.increment();
        out.tryWrite(new Message.Error(RATE_LIMITED, "more than " + config.announceBurst()
                + " requests in a burst from " + ip + "; slow down"));
        return false;
    }

    /** Closes the connections of an address now (after a ban). */
    void disconnect(String ip) {
        for (Socket s : open) {
            if (s.getInetAddress().getHostAddress().equals(ip)) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // gone already
                }
            }
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
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
        pool.shutdownNow();
        try {
            acceptor.join(2_000);
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
