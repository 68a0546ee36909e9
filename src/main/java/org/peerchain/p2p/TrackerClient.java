package org.peerchain.p2p;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces this node to each configured tracker: once at start, then every re-announce interval;
 * a tracker that cannot be reached is retried with exponential backoff (capped). Peer lists received
 * go to a callback. {@link #close()} sends {@code leave} to every tracker.
 *
 * <p>No tracker address is built in: the node passes the {@code --tracker HOST:PORT} options (and
 * settings); a bare {@code HOST} gets {@link #DEFAULT_TRACKER_PORT}.
 */
public final class TrackerClient implements AutoCloseable {
    /** The port a tracker listens on when none is given: {@code peerchain tracker --port} defaults to it too. */
    public static final int DEFAULT_TRACKER_PORT = 7300;
    private static final int MAX_WORKER_THREADS = 4;

    private static final Logger log = LoggerFactory.getLogger(TrackerClient.class);

    /** Timing of announces; {@link #defaults()} is what a node uses, tests shorten it. */
    public record Settings(Duration reannounceInterval, Duration initialBackoff, Duration maxBackoff, Duration ioTimeout) {
        /** Re-announce well inside the tracker's expiry (15 minutes by default). */
        public static final Duration REANNOUNCE_INTERVAL = Duration.ofMinutes(5);
        public static final Duration INITIAL_BACKOFF = Duration.ofSeconds(5);
        public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
        public static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

        public Settings {
            Objects.requireNonNull(reannounceInterval);
            Objects.requireNonNull(initialBackoff);
            Objects.requireNonNull(maxBackoff);
            Objects.requireNonNull(ioTimeout);
        }

        public static Settings defaults() {
            return new Settings(REANNOUNCE_INTERVAL, INITIAL_BACKOFF, MAX_BACKOFF, IO_TIMEOUT);
        }

        /** The wait after {@code failures} failed attempts in a row: doubling from the initial backoff, capped. */
        public Duration backoffAfter(int failures) {
            if (failures <= 0) {
                return reannounceInterval;
            }
            long initial = initialBackoff.toMillis();
            int doublings = Math.min(failures - 1, 30);
            long millis = initial > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : initial << doublings;
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /** Where announcing to one tracker stands. */
    public enum State {
        /** No attempt has ended yet. */
        WAITING,
        /** The last announce was answered. */
        OK,
        /** The last announce failed; it is retried with backoff. */
        FAILING
    }

    /**
     * What this client knows of one tracker, for the peers view and logs. {@code lastSuccess} is null before the first
     * answer; {@code peersReturned} is the size of the last peer list it sent; {@code lastError} is null after a success.
     */
    public record TrackerStatus(HostPort tracker, State state, int failuresInARow, Instant lastSuccess, int peersReturned,
                                String lastError) {
    }

    /** One tracker's answer to {@link #probe}: the round trip from dialling to its peer list, and the list's size. */
    public record Probe(long roundTripMillis, int peers) {
    }

    /**
     * Asks {@code tracker} for peers of {@code network} with {@code getpeers}, which registers nothing: a test of
     * whether the tracker is there and answers, for the settings. Connecting and the answer each wait at most
     * {@code timeout}.
     *
     * @throws java.net.SocketTimeoutException when the tracker did not answer in time
     * @throws IOException saying what else went wrong (refused, unknown host, an error or another message back)
     */
    public static Probe probe(HostPort tracker, String network, Duration timeout) throws IOException {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(tracker.toSocketAddress(), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            new FrameWriter(s.getOutputStream()).write(new Message.GetPeers(network));
            Message reply = new FrameReader(s.getInputStream(), MessageCatalog.standard()).read();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (reply instanceof Message.Peers p) {
                return new Probe(millis, p.peers().size());
            }
            if (reply instanceof Message.Error e) {
                throw new IOException("the tracker refused: " + PeerText.safe(e.code()) + ": " + PeerText.safe(e.message()));
            }
            throw new IOException(reply == null ? "the tracker closed the connection without an answer"
                    : "it answered \"" + reply.type() + "\" instead of \"peers\": it may not be a tracker");
        }
    }

    private final List<HostPort> trackers;
    private final NodeIdentity identity;
    private final IntSupplier listenPort;
    private final Consumer<List<Message.PeerAddress>> onPeers;
    private final Settings settings;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<HostPort, TrackerStatus> status = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param listenPort the port this node's {@link PeerListener} listens on (read at each announce)
     * @param onPeers    receives each peer list a tracker sends; called on a client thread
     */
    public TrackerClient(List<HostPort> trackers, NodeIdentity identity, IntSupplier listenPort,
                         Consumer<List<Message.PeerAddress>> onPeers, Settings settings) {
        this.trackers = new java.util.concurrent.CopyOnWriteArrayList<>(trackers);
        this.identity = Objects.requireNonNull(identity);
        this.listenPort = Objects.requireNonNull(listenPort);
        this.onPeers = Objects.requireNonNull(onPeers);
        this.settings = Objects.requireNonNull(settings);
        this.scheduler = new ScheduledThreadPoolExecutor(Math.max(1, Math.min(MAX_WORKER_THREADS, trackers.size())),
                new NamedThreadFactory("tracker-client"));
        scheduler.setRemoveOnCancelPolicy(true);
        for (HostPort t : this.trackers) {
            status.put(t, new TrackerStatus(t, State.WAITING, 0, null, 0, null));
        }
    }

    /** Announces to every tracker now, then keeps announcing on the schedule. */
    public void start() {
        for (HostPort t : trackers) {
            scheduler.execute(() -> announceAndReschedule(t));
        }
    }

    /** Adds a tracker while the node runs (the first run's "join"): announced to at once, then on the schedule. */
    public void add(HostPort t) {
        if (closed || trackers.contains(t)) {
            return;
        }
        status.put(t, new TrackerStatus(t, State.WAITING, 0, null, 0, null));
        trackers.add(t);
        scheduler.execute(() -> announceAndReschedule(t));
    }

    public List<TrackerStatus> status() {
        List<TrackerStatus> out = new ArrayList<>();
        trackers.forEach(t -> out.add(status.get(t)));
        return out;
    }

    private void announceAndReschedule(HostPort t) {
        if (closed) {
            return;
        }
        TrackerStatus before = status.get(t);
        Duration next;
        try {
            List<Message.PeerAddress> peers = announce(t);
            status.put(t, new TrackerStatus(t, State.OK, 0, Instant.now(), peers.size(), null));
            next = settings.reannounceInterval();
            onPeers.accept(peers);
        } catch (IOException | RuntimeException e) {
            int failures = before.failuresInARow() + 1;
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            status.put(t, new TrackerStatus(t, State.FAILING, failures, before.lastSuccess(), before.peersReturned(), why));
            next = settings.backoffAfter(failures);
            log.info("tracker {} unreachable ({}); retrying in {} s", t, why, next.toSeconds());
        }
        if (!closed) {
            scheduler.schedule(() -> announceAndReschedule(t), next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private List<Message.PeerAddress> announce(HostPort t) throws IOException {
        try (Socket s = connect(t)) {
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            out.write(identity.announce(listenPort.getAsInt(), System.currentTimeMillis() / 1000));
            Message reply = in.read();
            if (reply instanceof Message.Peers p) {
                return p.peers();
            }
            if (reply instanceof Message.Error e) {
                throw new IOException("tracker refused the announce: " + PeerText.safe(e.code()) + ": " + PeerText.safe(e.message()));
            }
            throw new IOException(reply == null ? "tracker closed the connection without an answer"
                    : "tracker answered \"" + reply.type() + "\" instead of \"peers\"");
        }
    }

    private Socket connect(HostPort t) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(t.toSocketAddress(), (int) settings.ioTimeout().toMillis());
            s.setSoTimeout((int) settings.ioTimeout().toMillis());
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Stops announcing and tells each tracker this node is leaving (best effort, bounded by the I/O timeout). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(settings.ioTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (HostPort t : trackers) {
            try (Socket s = connect(t)) {
                new FrameWriter(s.getOutputStream()).write(new Message.Leave(identity.networkId(), listenPort.getAsInt(),
                        identity.nodeId()));
            } catch (IOException e) {
                log.debug("could not send leave to tracker {}: {}", t, e.getMessage());
            }
        }
    }
}
