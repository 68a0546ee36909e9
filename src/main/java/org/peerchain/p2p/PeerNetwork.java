package org.peerchain.p2p;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.BlockStatus;
import org.peerchain.chain.ChainEvent;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.DecodingException;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;
import org.peerchain.events.EventBus;
import org.peerchain.mempool.MempoolEvent;
import org.peerchain.p2p.wire.DecodeBudget;
import org.peerchain.p2p.wire.FrameException;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;
import org.peerchain.p2p.wire.PeerMessages;
import org.peerchain.p2p.wire.PeerMessages.InvItem;
import org.peerchain.p2p.wire.PeerMessages.InvKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's peer network: the listener and the outbound dialer with their limits, the handshake, keepalive,
 * headers-first sync and parallel block download, block and transaction relay with per-peer seen-filters,
 * address exchange and the persisted address book, tracker announces, misbehaviour scores and bans.
 *
 * <p>Threads: one reader per connection (handling its messages), one writer per connection, a timer for
 * keepalive, stall detection, progress and dialing, and one relay thread that takes the chain's and the
 * mempool's events off the publisher's thread.
 */
public final class PeerNetwork implements AutoCloseable {
    /** While the best header is this far above the tip the node is syncing and announces its tip less often. */
    static final int ANNOUNCE_WHILE_BEHIND_LIMIT = 1;
    /**
     * How often a syncing node announces its tip. Not never: a header chain whose blocks nobody serves (cheap
     * headers from a hostile peer) would otherwise keep the node "syncing" and silent for good.
     */
    static final long ANNOUNCE_WHILE_BEHIND_INTERVAL_NANOS = 1_000_000_000L;
    /** Longest wait between attempts to reach an address that keeps failing. */
    static final Duration MAX_RECONNECT_BACKOFF = Duration.ofMinutes(1);
    static final int ADDRESS_CANDIDATES = 100;
    static final String ADDRESS_SOURCE_TRACKER = "tracker";
    static final String ADDRESS_SOURCE_LOCAL = "local network";
    /** Nodes heard on the local network that are remembered as candidates (the most recently heard are kept). */
    static final int MAX_LOCAL_PEERS = 64;
    static final long MAINTENANCE_INTERVAL_MILLIS = 250;
    /** Unrequested blocks we have or do not want, and transactions we have, tolerated per peer in one window. */
    static final int MAX_REDUNDANT_MESSAGES = 10;
    /** Frames of unknown type tolerated per peer in one window (the protocol may grow; a flood is no growth). */
    static final int MAX_UNKNOWN_MESSAGES = 1_000;
    static final long FLOOD_WINDOW_NANOS = 60_000_000_000L;
    /** How long a closing connection may take to write its last frames (the error saying why). */
    static final long WRITER_DRAIN_MILLIS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(PeerNetwork.class);

    /** Where and how the network runs. {@code port} 0 picks a free port. */
    public record Config(String networkId, InetAddress bind, int port, List<HostPort> trackers, List<HostPort> connect,
                         Path dataDir, P2pSettings settings) {
        public Config {
            Objects.requireNonNull(networkId);
            Objects.requireNonNull(bind);
            trackers = List.copyOf(trackers);
            connect = List.copyOf(connect);
            Objects.requireNonNull(dataDir);
            Objects.requireNonNull(settings);
        }
    }

    /** What {@code addnode} does. */
    public enum AddNode { ADD, REMOVE, ONETRY }

    private record Attempt(long atNanos, int failures) {
    }


    private final Config config;
    private final P2pSettings settings;
    private final ChainAccess chain;
    private final EventBus events;
    private final NodeIdentity identity;
    private final PeerAddressBook book;
    private final AddressGossip gossip;
    private final MessageCatalog catalog = PeerMessages.catalog();
    /** Large frames decoded at once across every peer (see {@link DecodeBudget}). */
    private final DecodeBudget decodeBudget = new DecodeBudget(DecodeBudget.DEFAULT_BYTES);
    private final BlockDownload download;
    private final Map<Long, Peer> peers = new ConcurrentHashMap<>();
    private final AtomicLong nextPeerId = new AtomicLong();
    private final Set<HostPort> fixedPeers = ConcurrentHashMap.newKeySet();
    private final Set<HostPort> dialing = ConcurrentHashMap.newKeySet();
    private final Map<HostPort, Attempt> attempts = new ConcurrentHashMap<>();
    /**
     * Dialed addresses whose node was already connected, by how many times in a row: the backoff's failure count for
     * them (a success in between does not reset it, the duplicate being dropped just after). Cleared once a connection
     * to the address lasts {@link #MAX_RECONNECT_BACKOFF}, and by {@code addnode}.
     */
    private final Map<HostPort, Integer> duplicateStreaks = new ConcurrentHashMap<>();
    private final Set<HostPort> selfAddresses = ConcurrentHashMap.newKeySet();
    private final TransactionRelay txRelay;
    private final InboundEviction eviction = new InboundEviction(secretKey());
    private volatile List<Message.PeerAddress> trackerPeers = List.of();
    private final NetworkTraffic traffic = new NetworkTraffic();
    /** The ban list as last published in a {@link NetworkEvent.BansChanged}; guarded by {@link #banEvents}. */
    private Set<BanEntry> publishedBans = Set.of();
    private final Object banEvents = new Object();
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService relay;
    /**
     * Peers' blocks are connected here, one after another, off the readers: a reader takes in the next block, and that
     * block's signatures start on the verifying threads, while the one before connects (bench connect keeps the same
     * pipeline; without it a syncing node verified one block's signatures at a time).
     */
    private final ExecutorService blockConnector =
            Executors.newSingleThreadExecutor(new NamedThreadFactory("p2p-blocks"));
    /** Blocks handed to {@link #blockConnector} and not yet connected; past it a reader waits (its peer then on TCP). */
    static final int MAX_QUEUED_BLOCKS = 256;
    private final Semaphore queuedBlocks = new Semaphore(MAX_QUEUED_BLOCKS);
    private final ThreadPoolExecutor dialer;
    private final AtomicBoolean announcePending = new AtomicBoolean();
    private final AtomicBoolean announceDeferred = new AtomicBoolean();
    /** Relay thread only. */
    private long lastAnnounceNanos;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final HeaderSync headerSync;
    private PeerListener listener;
    private volatile TrackerClient trackerClient;
    private LocalDiscovery discovery;
    /** Why local network discovery is not running although it was asked for; null when it runs or was not asked for. */
    private volatile String discoveryProblem;
    /** Nodes heard on the local network, by node id, with the address last heard; guarded by itself. */
    private final Map<String, LocalPeer> localPeers = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LocalPeer> eldest) {
            return size() > MAX_LOCAL_PEERS;
        }
    };
    private volatile boolean closed;

    private PeerNetwork(Config config, ChainAccess chain, EventBus events, PeerAddressBook book, NodeKey key) {
        this.config = config;
        this.settings = config.settings();
        this.chain = chain;
        this.events = events;
        this.book = book;
        this.gossip = new AddressGossip(book);
        this.download = new BlockDownload(chain);
        this.relay = Executors.newSingleThreadExecutor(new NamedThreadFactory("p2p-relay"));
        PeerPenalties penalties = new PeerPenalties() {
            @Override
            public void misbehave(Peer p, int points, String code, String detail) {
                PeerNetwork.this.misbehave(p, points, code, detail);
            }

            @Override
            public void redundant(Peer p, String what) {
                PeerNetwork.this.redundant(p, what);
            }
        };
        this.txRelay = new TransactionRelay(chain, peers, relay, penalties);
        this.identity = new NodeIdentity(config.networkId(), key, () -> chain.tip().height(),
                () -> chain.tip().chainWork());
        this.timer = new TimerExecutor("p2p-timer");
        timer.setRemoveOnCancelPolicy(true);
        this.headerSync = new HeaderSync(chain, peers, download, timer, settings, penalties, this::requestBlocks,
                () -> closed);
        this.dialer = (ThreadPoolExecutor) Executors.newCachedThreadPool(new NamedThreadFactory("p2p-peer-out"));
        fixedPeers.addAll(config.connect());
        this.publishedBans = Set.copyOf(book.bans());
    }

    /** Opens the address book, listens, subscribes to the chain's and mempool's events, and starts dialing. */
    public static PeerNetwork start(Config config, ChainAccess chain, EventBus events) throws IOException {
        NodeKey key = NodeKey.loadOrCreate(config.dataDir().resolve(NodeKey.FILE_NAME));
        PeerAddressBook book = PeerAddressBook.open(config.dataDir().resolve(PeerAddressBook.FILE_NAME),
                () -> System.currentTimeMillis() / 1000);
        PeerNetwork n = new PeerNetwork(config, chain, events, book, key);
        try {
            n.listener = PeerListener.start(n.identity, config.bind(), config.port(), config.settings().handshakeTimeout(),
                    n.new Sessions());
        } catch (IOException e) {
            n.close();
            throw e;
        }
        n.subscriptions.add(events.subscribe(ChainEvent.TipChanged.class, e -> n.onTipChanged()));
        n.subscriptions.add(events.subscribe(MempoolEvent.TxAccepted.class, e -> n.txRelay.onTxAccepted(e.entry().tx())));
        if (!config.trackers().isEmpty()) {
            n.trackerClient = new TrackerClient(config.trackers(), n.identity, n::port, n::onTrackerPeers,
                    config.settings().tracker());
            n.trackerClient.start();
        }
        if (config.settings().localDiscovery().enabled()) {
            n.startDiscovery();
        }
        n.timer.scheduleWithFixedDelay(n::maintain, MAINTENANCE_INTERVAL_MILLIS, MAINTENANCE_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        n.timer.scheduleWithFixedDelay(n::keepConnected, 0, config.settings().connectInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("P2P on port {} (node id {})", n.port(), n.identity.nodeId());
        return n;
    }

    // ------------------------------------------------------------------ public view

    public int port() {
        return listener == null ? 0 : listener.port();
    }

    public String nodeId() {
        return identity.nodeId();
    }

    public List<PeerInfo> peers() {
        List<PeerInfo> out = new ArrayList<>();
        peers.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).forEach(p -> out.add(p.info()));
        return out;
    }

    public int connectionCount() {
        return peers.size();
    }

    public int inboundCount() {
        return (int) peers.values().stream().filter(p -> p.inbound).count();
    }

    public int outboundCount() {
        return (int) peers.values().stream().filter(p -> !p.inbound).count();
    }

    /** Bytes received over peer connections since the node started, closed connections included. */
    public long bytesReceived() {
        return traffic.received.get();
    }

    /** Bytes sent over peer connections since the node started, closed connections included. */
    public long bytesSent() {
        return traffic.sent.get();
    }

    public List<HostPort> fixedPeers() {
        return List.copyOf(fixedPeers);
    }

    public List<TrackerClient.TrackerStatus> trackers() {
        return trackerClient == null ? List.of() : trackerClient.status();
    }

    public PeerAddressBook addressBook() {
        return book;
    }

    /** {@code addnode}: keep a connection to {@code target}, stop keeping it, or try it once. */
    public void addNode(HostPort target, AddNode what) {
        switch (what) {
            case ADD -> {
                fixedPeers.add(target);
                attempts.remove(target);
                duplicateStreaks.remove(target);
                timer.execute(this::keepConnected);
            }
            case REMOVE -> {
                fixedPeers.remove(target);
                for (Peer p : peers.values()) {
                    if (!p.inbound && target.equals(p.listenAddress)) {
                        disconnect(p, "removed with addnode", null);
                    }
                }
            }
            case ONETRY -> dial(target, PeerOrigin.MANUAL);
        }
    }

    /**
     * Closes the connection to the peer {@code peerId}; false when no such peer is connected. A fixed peer
     * ({@code --connect}, {@code addnode}) is dialled again by the connection keeper, as bitcoind does.
     */
    public boolean disconnect(long peerId) {
        Peer p = peers.get(peerId);
        if (p == null || p.isClosed()) {
            return false;
        }
        disconnect(p, "disconnected by hand", null);
        return true;
    }

    /** Bans {@code host} (an IP address) for {@code duration} and drops its connections. */
    public void ban(String host, Duration duration, String reason) {
        book.ban(host, System.currentTimeMillis() / 1000 + duration.toSeconds(), reason);
        publishBans();
        for (Peer p : peers.values()) {
            if (p.remoteHost.equals(host)) {
                disconnect(p, "banned: " + reason, new Message.Error("banned", reason));
            }
        }
    }

    public boolean unban(String host) {
        boolean was = book.unban(host);
        if (was) {
            publishBans();
        }
        return was;
    }

    public void clearBans() {
        book.clearBans();
        publishBans();
    }

    /** The bans in force, by address. */
    public List<BanEntry> bans() {
        List<BanEntry> out = new ArrayList<>(book.bans());
        out.sort((a, b) -> a.address().compareTo(b.address()));
        return out;
    }

    /** Publishes the ban list as it is now. */
    private void publishBans() {
        synchronized (banEvents) {
            List<BanEntry> now = bans();
            publishedBans = Set.copyOf(now);
            events.publish(new NetworkEvent.BansChanged(now));
        }
    }

    /** Publishes the ban list when it differs from the last one published: a ban expired. */
    private void publishBansIfChanged() {
        synchronized (banEvents) {
            if (!Set.copyOf(book.bans()).equals(publishedBans)) {
                publishBans();
            }
        }
    }

    // ------------------------------------------------------------------ connections

    /** The listener's hand-off: bans and limits before the handshake, the session after. */
    private final class Sessions implements InboundSessions {
        @Override
        public String refusal(InetAddress remote) {
            BanEntry b = book.banOf(remote.getHostAddress());
            if (b != null) {
                return "address " + remote.getHostAddress() + " is banned until " + java.time.Instant.ofEpochSecond(b.bannedUntil())
                        + " (" + b.reason() + ")";
            }
            return null;
        }

        @Override
        public int maxInbound() {
            return settings.maxInbound();
        }

        @Override
        public boolean evictForNewcomer() {
            return evictInbound();
        }

        @Override
        public int maxConnectionsPerIp() {
            return settings.maxConnectionsPerIp();
        }

        @Override
        public MessageCatalog catalog() {
            return catalog;
        }

        @Override
        public void run(Socket socket, Message.Version theirs, FrameReader in, FrameWriter out) throws IOException {
            Peer p = register(socket, theirs, PeerOrigin.INBOUND);
            if (p != null) {
                runPeer(p);
            } else if (!closed) {
                out.tryWrite(new Message.Error(HandshakeRejection.ALREADY_CONNECTED, "already connected to node "
                        + theirs.nodeId()));
                // The peer has already started talking: closed with its frames unread, the socket would send a
                // reset, and the peer could lose the frame above and dial again at once.
                PeerListener.closeGently(socket);
            }
        }
    }

    private void dial(HostPort target, PeerOrigin origin) {
        if (closed || !dialing.add(target)) {
            return;
        }
        try {
            dialer.execute(() -> {
                try {
                    Peer p = connectOut(target, origin);
                    if (p != null) {
                        dialing.remove(target);
                        runPeer(p);
                    }
                } finally {
                    dialing.remove(target);
                }
            });
        } catch (RejectedExecutionException e) {
            dialing.remove(target);
        }
    }

    /** Connects and runs the outbound side of the handshake; null (the attempt noted as failed) on any failure. */
    private Peer connectOut(HostPort target, PeerOrigin origin) {
        Socket s = new Socket();
        try {
            s.connect(target.toSocketAddress(), (int) settings.connectTimeout().toMillis());
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) settings.handshakeTimeout().toMillis());
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream(), catalog);
            String challenge = NodeKey.challenge();
            out.write(identity.version(port(), challenge));
            Message first = in.read();
            if (first instanceof Message.Error e) {
                if (HandshakeRejection.SELF_CONNECTION.equals(e.code())) {
                    selfAddresses.add(target);
                }
                throw new IOException("refused: " + PeerText.safe(e.code()) + ": " + PeerText.safe(e.message()));
            }
            if (!(first instanceof Message.Version v)) {
                throw new IOException("expected \"version\", got " + (first == null ? "end of stream" : "\"" + first.type() + "\""));
            }
            if (v.nodeId().equals(identity.nodeId())) {
                selfAddresses.add(target);
                out.tryWrite(new Message.Error(HandshakeRejection.SELF_CONNECTION, "connected to itself"));
                throw new IOException("connected to itself");
            }
            if (!v.network().equals(identity.networkId()) || v.protocolVersion() < ProtocolVersion.MIN_SUPPORTED) {
                throw new IOException("peer is on network \"" + v.network() + "\", protocol " + v.protocolVersion());
            }
            Message second = in.read();
            if (second instanceof Message.Error e) {
                throw new IOException("refused: " + PeerText.safe(e.code()) + ": " + PeerText.safe(e.message()));
            }
            if (!(second instanceof Message.Verack ack)) {
                throw new IOException("expected \"verack\", got " + (second == null ? "end of stream" : "\"" + second.type() + "\""));
            }
            String unproven = identity.checkProof(v, challenge, ack);
            if (unproven != null) {
                out.tryWrite(new Message.Error(HandshakeRejection.BAD_PROOF, unproven));
                throw new IOException("the peer did not prove its node id: " + unproven);
            }
            out.write(identity.verackFor(v));
            s.setSoTimeout((int) PeerListener.IDLE_TIMEOUT.toMillis());
            Peer p = register(s, v, origin);
            if (p == null) {
                s.close();
                if (!closed) {
                    alreadyConnected(target, v.nodeId());
                }
                return null;
            }
            p.dialedAs = target;
            attempts.remove(target);
            book.succeeded(target);
            return p;
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            Attempt before = attempts.get(target);
            attempts.put(target, new Attempt(System.nanoTime(), before == null ? 1 : before.failures() + 1));
            if (!selfAddresses.contains(target)) {
                book.failed(target);
            }
            log.debug("cannot connect to {}: {}", target, e.getMessage());
            return null;
        }
    }

    /**
     * {@code target} answered as node {@code nodeId}, to which a connection is already open (we found it so, or the
     * peer said {@code already-connected}): not dialed again at every turn of the connection keeper but after the
     * failure backoff, which grows with each such answer in a row (it is alive, so the address book is not told it
     * failed). The usual case is a connection the node opened in the other direction. When
     * the open connection is at another address, two nodes hold one node key (a copied data directory), and the log
     * says so once per address: they can never both be peers of ours.
     */
    private void alreadyConnected(HostPort target, String nodeId) {
        int streak = duplicateStreaks.merge(target, 1, Integer::sum);
        attempts.put(target, new Attempt(System.nanoTime(), streak));
        if (streak > 1) {
            return;
        }
        for (Peer q : peers.values()) {
            if (q.version.nodeId().equals(nodeId) && q.listenAddress != null && !isSameAddress(q.listenAddress, target)) {
                log.info("{} is node {}, which is already peer {} at {}: two nodes with one node key ({} copied with a "
                        + "data directory?) count as one, and only one of them is used", target, nodeId, q.id,
                        q.listenAddress, NodeKey.FILE_NAME);
                return;
            }
        }
        log.debug("{} is node {}, already connected", target, nodeId);
    }

    private static boolean isSameAddress(HostPort a, HostPort b) {
        return a.port() == b.port() && literal(a.host()).equals(literal(b.host()));
    }

    /** Adds a connection whose handshake is complete; null when it duplicates one already open or is over a limit. */
    private Peer register(Socket s, Message.Version v, PeerOrigin origin) {
        boolean inbound = origin == PeerOrigin.INBOUND;
        Peer p;
        synchronized (peers) {
            if (closed) {
                return null;
            }
            for (Peer old : peers.values()) {
                if (!old.version.nodeId().equals(v.nodeId()) || old.isClosed()) {
                    continue;
                }
                // Two connections between the same nodes: both sides keep the one opened by the smaller node id.
                String initiatorNew = inbound ? v.nodeId() : identity.nodeId();
                String initiatorOld = old.inbound ? v.nodeId() : identity.nodeId();
                if (initiatorNew.equals(initiatorOld) || initiatorNew.compareTo(initiatorOld) > 0) {
                    log.debug("dropping a second connection to node {}", v.nodeId());
                    return null;
                }
                disconnect(old, "replaced by a connection in the other direction", null);
            }
            p = new Peer(nextPeerId.incrementAndGet(), s, origin, v, traffic, (peer, why) -> disconnect(peer, why, null));
            peers.put(p.id, p);
        }
        p.startWriter();
        if (p.listenAddress != null) {
            book.seen(p.listenAddress, System.currentTimeMillis() / 1000);
        }
        log.info("connected to {} (node {}, height {})", p, v.nodeId(), v.height());
        events.publish(new NetworkEvent.PeerConnected(p.info()));
        if (inbound) {
            // The first ping waits a full interval: a liveness probe (the tracker's) expects nothing but its pong.
            p.lastPingNanos = System.nanoTime();
        } else {
            sendPing(p);
        }
        headerSync.startHeadersSync();
        if (!inbound) {
            p.send(new PeerMessages.GetAddr());
        }
        return p;
    }

    /** Reads and handles the peer's messages until the connection ends. */
    private void runPeer(Peer p) {
        String reason = "connection closed by the peer";
        FrameReader in = null;
        try {
            in = new FrameReader(p.countingInput(new BufferedInputStream(p.socket.getInputStream())), catalog,
                    decodeBudget, p::admit);
            for (Message m; !p.isClosed() && (m = in.read()) != null; ) {
                p.lastReceive = System.currentTimeMillis() / 1000;
                if (!p.awaitSendRoom(settings.pingTimeout())) {
                    reason = "does not read what it asked for: over " + Peer.SEND_PAUSE_BYTES + " bytes unread for "
                            + settings.pingTimeout().toSeconds() + " s";
                    break;
                }
                handle(p, m);
            }
        } catch (FrameException e) {
            reason = "bad frame: " + e.getMessage();
            misbehave(p, Misbehaviour.BAD_FRAME, e.code(), e.getMessage());
        } catch (IOException e) {
            reason = "connection ended: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "internal error: " + e;
            log.warn("{}: unexpected failure while handling its messages", p, e);
        } finally {
            if (in != null) {
                in.releaseHeld();
            }
            disconnect(p, reason, null);
            p.awaitWriter(WRITER_DRAIN_MILLIS);
            // a writer still blocked (the peer reads nothing) gives up its socket now, not never
            p.closeSocket();
        }
    }

    /**
     * Closes the least useful inbound peer ({@link InboundEviction}) so that a new connection can take its slot; false
     * when every inbound peer is protected.
     */
    private boolean evictInbound() {
        List<InboundEviction.Candidate> candidates = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.inbound && !p.isClosed()) {
                candidates.add(new InboundEviction.Candidate(p.id, IpLiterals.inboundGroup(p.socket.getInetAddress()),
                        p.connectedNanos, p.pingMillis, p.lastNewBlockNanos, p.lastNewTxNanos, p.misbehaviour.get() > 0));
            }
        }
        Peer evicted = eviction.choose(candidates).map(peers::get).orElse(null);
        if (evicted == null) {
            return false;
        }
        disconnect(evicted, "evicted: the inbound slots are full and a new connection came",
                new Message.Error(InboundEviction.EVICTED, "evicted to make room for a new connection: the inbound slots are full"));
        return true;
    }

    private static byte[] secretKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    private void disconnect(Peer p, String reason, Message last) {
        if (!p.close(reason, last)) {
            return;
        }
        peers.remove(p.id);
        HostPort dialed = p.dialedAs;
        if (dialed != null && System.nanoTime() - p.connectedNanos >= MAX_RECONNECT_BACKOFF.toNanos()) {
            duplicateStreaks.remove(dialed);
        }
        txRelay.peerGone(p);
        List<Hash> returned = download.peerGone(p);
        headerSync.peerGone(p);
        log.info("disconnected {}: {}", p, reason);
        events.publish(new NetworkEvent.PeerDisconnected(p.id, p.address(), reason));
        if (!closed) {
            headerSync.startHeadersSync();
            reassign(returned);
            requestBlocks();
        }
    }

    /**
     * Asks other peers that announced them for blocks a peer did not deliver (it went away, stalled, or said
     * {@code notfound}). Blocks on the path to the best header are handed out by the download anyway; this also
     * covers announced blocks off that path.
     */
    private void reassign(List<Hash> hashes) {
        for (Hash h : hashes) {
            BlockIndexEntry e = chain.entry(h);
            if (e == null || e.status() != BlockStatus.HEADER_ONLY) {
                continue;
            }
            for (Peer q : peers.values()) {
                if (!q.isClosed() && q.knownBlocks.contains(h) && !q.lacks.contains(h)) {
                    download.requestAnnounced(q, List.of(e));
                    break;
                }
            }
        }
    }

    /** Adds misbehaviour points; past the threshold the peer is disconnected and its address banned. */
    private void misbehave(Peer p, int points, String code, String detail) {
        int score = p.misbehaviour.addAndGet(points);
        log.info("{} misbehaved (+{} = {}): {}: {}", p, points, score, code, detail);
        if (score >= Misbehaviour.BAN_THRESHOLD) {
            book.ban(p.remoteHost, System.currentTimeMillis() / 1000 + settings.banDuration().toSeconds(), code);
            publishBans();
            disconnect(p, "misbehaviour " + score + ": " + code, new Message.Error(code, detail));
        }
    }

    /** Starts a new flood-counting window, both counts at zero, once the current one is over. */
    private static void startFloodWindowIfOver(Peer p) {
        long now = System.nanoTime();
        if (now - p.floodWindowStart > FLOOD_WINDOW_NANOS) {
            p.floodWindowStart = now;
            p.redundantMessages = 0;
            p.unknownInWindow = 0;
        }
    }

    /** An unrequested message that brought nothing: tolerated up to a limit per window, then penalised. */
    private void redundant(Peer p, String what) {
        startFloodWindowIfOver(p);
        if (++p.redundantMessages % MAX_REDUNDANT_MESSAGES == 0) {
            misbehave(p, Misbehaviour.UNREQUESTED_FLOOD, Misbehaviour.CODE_UNREQUESTED_FLOOD,
                    p.redundantMessages + " unrequested messages that brought nothing new, the last " + what);
        }
    }

    // ------------------------------------------------------------------ messages

    private void handle(Peer p, Message m) {
        if (m instanceof Message.Ping ping) {
            p.send(new Message.Pong(ping.nonce()));
        } else if (m instanceof Message.Pong pong) {
            if (p.pingSentNanos != 0 && pong.nonce() == p.pingNonce) {
                p.pingMillis = (System.nanoTime() - p.pingSentNanos) / 1e6;
                p.pingSentNanos = 0;
            }
        } else if (m instanceof PeerMessages.GetHeaders g) {
            headerSync.serveHeaders(p, g);
        } else if (m instanceof PeerMessages.Headers h) {
            headerSync.onHeaders(p, h.headers());
        } else if (m instanceof PeerMessages.Inv inv) {
            onInv(p, inv.items());
        } else if (m instanceof PeerMessages.GetData g) {
            serveData(p, g.items());
        } else if (m instanceof PeerMessages.NotFound nf) {
            List<Hash> lacking = new ArrayList<>();
            for (InvItem i : nf.items()) {
                if (i.kind() == InvKind.BLOCK) {
                    download.notFound(p, i.hash());
                    lacking.add(i.hash());
                } else {
                    txRelay.notFound(p, i.hash());
                }
            }
            reassign(lacking);
            requestBlocks();
        } else if (m instanceof PeerMessages.BlockMessage b) {
            onBlock(p, b.data());
        } else if (m instanceof PeerMessages.TxMessage t) {
            txRelay.receive(p, t.data());
        } else if (m instanceof PeerMessages.GetAddr) {
            if (p.answeredGetAddr.compareAndSet(false, true)) {
                p.send(new PeerMessages.Addr(gossip.addressesToShare(peers.values())));
            }
        } else if (m instanceof PeerMessages.Addr a) {
            gossip.receive(p, a.addresses());
        } else if (m instanceof Message.Version) {
            misbehave(p, Misbehaviour.DUPLICATE_VERSION, HandshakeRejection.DUPLICATE_VERSION, "\"version\" after the handshake");
        } else if (m instanceof Message.Error e && HandshakeRejection.ALREADY_CONNECTED.equals(e.code()) && !p.inbound
                && p.dialedAs != null) {
            boolean otherConnection = peers.values().stream()
                    .anyMatch(q -> q != p && !q.isClosed() && q.version.nodeId().equals(p.version.nodeId()));
            if (!otherConnection && !duplicateStreaks.containsKey(p.dialedAs)) {
                log.info("{} already has a connection to this node's id {} and none is ours: another node uses this "
                        + "node's key ({} copied with a data directory?), and only one of them can be its peer", p,
                        identity.nodeId(), NodeKey.FILE_NAME);
            }
            alreadyConnected(p.dialedAs, p.version.nodeId());
            disconnect(p, "the peer already has another connection to this node's id", null);
        } else if (m instanceof Message.Error e) {
            log.info("{} reports an error: {}: {}", p, PeerText.safe(e.code()), PeerText.safe(e.message()));
        } else if (m instanceof Message.Skipped skipped) {
            if (p.framesSkipped.getAndIncrement() == 0) {
                log.info("{} sends \"{}\" frames faster than its allowance: the excess is skipped unread", p,
                        skipped.type());
            }
        } else if (m instanceof Message.Unknown u) {
            p.unknownMessages.incrementAndGet();
            startFloodWindowIfOver(p);
            if (++p.unknownInWindow % MAX_UNKNOWN_MESSAGES == 0) {
                misbehave(p, Misbehaviour.UNREQUESTED_FLOOD, Misbehaviour.CODE_UNKNOWN_FLOOD,
                        p.unknownInWindow + " messages of unknown type within a minute, the last \"" + u.type() + "\"");
            }
        }
        // verack and the tracker's messages need no answer on a peer connection
    }

    private void onInv(Peer p, List<InvItem> items) {
        List<InvItem> wanted = new ArrayList<>();
        boolean unknownBlock = false;
        long now = System.nanoTime();
        int dropped = 0;
        for (InvItem i : items) {
            if (!p.invBudget.tryTake(now)) {
                dropped++;
            } else if (i.kind() == InvKind.BLOCK) {
                p.knownBlocks.add(i.hash());
                BlockIndexEntry known = chain.entry(i.hash());
                if (known == null) {
                    unknownBlock = true;
                } else {
                    p.noteShownHeight(known.height());
                }
            } else {
                p.knownTxs.add(i.hash());
                if (txRelay.ask(p, i.hash(), now)) {
                    wanted.add(i);
                }
            }
        }
        if (dropped > 0 && p.invItemsDropped.getAndAdd(dropped) == 0) {
            log.info("{} announces more than {} items at once or {} a second: the excess is dropped unread", p,
                    Peer.INV_BURST, (long) Peer.INV_PER_SECOND);
        }
        if (unknownBlock) {
            headerSync.maybeAskHeaders(p);
        }
        if (!wanted.isEmpty()) {
            p.send(new PeerMessages.GetData(wanted));
        }
    }

    private void serveData(Peer p, List<InvItem> items) {
        List<InvItem> missing = new ArrayList<>();
        for (InvItem i : items) {
            if (!p.awaitSendRoom(settings.pingTimeout())) {
                disconnect(p, "does not read the blocks it asked for", null);
                return;
            }
            if (i.kind() == InvKind.BLOCK) {
                byte[] b = chain.blockBytes(i.hash());
                if (b == null) {
                    missing.add(i);
                } else {
                    p.knownBlocks.add(i.hash());
                    p.send(new PeerMessages.BlockMessage(b));
                    BlockIndexEntry sent = chain.entry(i.hash());
                    if (sent != null) {
                        p.noteShownHeight(sent.height());
                    }
                }
            } else {
                Transaction tx = chain.mempoolTransaction(i.hash());
                if (tx == null) {
                    missing.add(i);
                } else {
                    p.knownTxs.add(i.hash());
                    p.send(new PeerMessages.TxMessage(tx.serialize()));
                }
            }
        }
        if (!missing.isEmpty()) {
            p.send(new PeerMessages.NotFound(missing));
        }
    }

    private void onBlock(Peer p, byte[] data) {
        Block b;
        try {
            b = Block.deserialize(data);
        } catch (DecodingException e) {
            misbehave(p, Misbehaviour.UNDECODABLE, Misbehaviour.CODE_UNDECODABLE, "block: " + e.getMessage());
            return;
        }
        Hash hash = b.hash();
        p.knownBlocks.add(hash);
        boolean requested = download.arrived(p, hash);
        if (requested) {
            // the stall clock counts arrivals: a block waiting to be connected was delivered
            p.lastDeliveryNanos = System.nanoTime();
        } else {
            BlockIndexEntry known = chain.entry(hash);
            if (known != null && known.status() != BlockStatus.HEADER_ONLY) {
                redundant(p, "block " + hash + ", which we have");
                return;
            }
            BlockIndexEntry parent = chain.entry(b.header().prevHash());
            if (parent != null && parent.chainWork().add(CompactTarget.work(b.header().bits()))
                    .compareTo(chain.tip().chainWork()) <= 0) {
                // Unasked for and no more work than our tip: it cannot change our chain, so it is not stored.
                redundant(p, "block " + hash + ", which has no more work than our tip");
                return;
            }
        }
        chain.preverify(b);
        try {
            queuedBlocks.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        java.util.concurrent.Future<?> connecting;
        try {
            connecting = blockConnector.submit(() -> {
                try {
                    connectBlock(p, b, requested);
                } catch (RuntimeException e) {
                    log.error("connecting block {} from {} failed", b.hash(), p, e);
                } catch (VirtualMachineError e) {
                    // the node's own failure: the process's policy stops it, as on any of its threads
                    Thread me = Thread.currentThread();
                    me.getUncaughtExceptionHandler().uncaughtException(me, e);
                } finally {
                    queuedBlocks.release();
                }
            });
        } catch (RejectedExecutionException e) {
            queuedBlocks.release();
            return;
        }
        if (!requested) {
            // An unasked block is rare (a peer pushing one): its reader waits for it, so that another copy of it is
            // seen as one we have, as before the pipeline.
            try {
                connecting.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("connecting a block from {} failed", p, e.getCause());
            }
        }
    }

    /**
     * Connects a peer's block (on {@link #blockConnector}); a requested one stays in flight until it is stored, so that
     * no one asks for it again meanwhile.
     */
    private void connectBlock(Peer p, Block b, boolean requested) {
        Hash hash = b.hash();
        try {
            BlockOutcome outcome = chain.submitBlock(b);
            if (outcome == BlockOutcome.ACTIVE) {
                p.lastNewBlockNanos = System.nanoTime();
            }
            BlockIndexEntry e = chain.entry(hash);
            if (e != null) {
                p.noteBest(e);
                p.syncedBlocks = Math.max(p.syncedBlocks, e.height());
            }
            if (outcome == BlockOutcome.ORPHAN && !requested) {
                headerSync.maybeAskHeaders(p);
            }
        } catch (ValidationException e) {
            if (!Misbehaviour.HARMLESS_BLOCK_REASONS.contains(e.reason())) {
                misbehave(p, Misbehaviour.INVALID_BLOCK, e.reason(), "invalid block " + hash + ": " + e.getMessage());
            }
        } finally {
            if (requested) {
                download.delivered(p, hash);
            }
        }
        requestBlocks();
    }

    /** Transactions kept while their parents are missing (tests). */
    int orphanCount() {
        return txRelay.orphanCount();
    }

    /** Whether a dial to {@code a} ended in a connection to this node itself, so it is not dialled again (tests). */
    boolean knownAsSelf(HostPort a) {
        return selfAddresses.contains(a);
    }

    private void requestBlocks() {
        download.requestBlocks(peers.values());
    }

    // ------------------------------------------------------------------ relay

    /** Runs on the chain's thread under its lock: only hands off. */
    private void onTipChanged() {
        txRelay.onTipChanged();
        if (announcePending.compareAndSet(false, true)) {
            try {
                relay.execute(this::announceTip);
            } catch (RejectedExecutionException e) {
                announcePending.set(false);
            }
        }
    }

    private void announceTip() {
        announcePending.set(false);
        BlockIndexEntry tip = chain.tip();
        long now = System.nanoTime();
        if (chain.bestHeader().height() - tip.height() > ANNOUNCE_WHILE_BEHIND_LIMIT
                && now - lastAnnounceNanos < ANNOUNCE_WHILE_BEHIND_INTERVAL_NANOS) {
            if (announceDeferred.compareAndSet(false, true)) {
                try {
                    timer.schedule(() -> {
                        announceDeferred.set(false);
                        onTipChanged();
                    }, ANNOUNCE_WHILE_BEHIND_INTERVAL_NANOS - (now - lastAnnounceNanos), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    announceDeferred.set(false);
                }
            }
            return;
        }
        lastAnnounceNanos = now;
        for (Peer p : peers.values()) {
            if (p.isClosed() || p.knownBlocks.contains(tip.hash())) {
                continue;
            }
            List<BlockHeader> headers = new ArrayList<>();
            BlockIndexEntry e = tip;
            for (; e != null && e.height() > 0 && headers.size() < HeaderSync.MAX_ANNOUNCE_HEADERS
                    && !p.knownBlocks.contains(e.hash()); e = e.parent()) {
                headers.add(e.header());
            }
            boolean connects = e == null || e.height() == 0 || p.knownBlocks.contains(e.hash());
            if (!connects) {
                // The peer lacks the parent of what we would send (it is still syncing): headers would not
                // connect for it, so announce by inventory and let it ask for the headers (as Bitcoin Core does).
                // An inventory does not give the peer the header: it is not marked known, so later headers are
                // never built on it.
                p.send(new PeerMessages.Inv(List.of(new InvItem(InvKind.BLOCK, tip.hash()))));
                continue;
            }
            Collections.reverse(headers);
            headers.forEach(h -> p.knownBlocks.add(h.hash()));
            p.send(new PeerMessages.Headers(headers));
        }
    }

    // ------------------------------------------------------------------ timers

    private void maintain() {
        try {
            long now = System.nanoTime();
            long stall = settings.stallTimeout().toNanos();
            for (Peer p : peers.values()) {
                if (download.stalled(p, now, stall)) {
                    disconnect(p, "stalled: no block delivered in " + settings.stallTimeout().toMillis() + " ms", null);
                } else if (p.pingSentNanos != 0 && now - p.pingSentNanos > settings.pingTimeout().toNanos()) {
                    disconnect(p, "no pong within " + settings.pingTimeout().toSeconds() + " s", null);
                } else if (p.pingSentNanos == 0 && now - p.lastPingNanos > settings.pingInterval().toNanos()) {
                    sendPing(p);
                }
            }
            txRelay.expire(now);
            headerSync.startHeadersSync();
            headerSync.resumeHeaders();
            requestBlocks();
            NetworkEvent.SyncProgress progress = download.progress(peers.size());
            if (progress != null) {
                events.publish(progress);
            }
            publishBansIfChanged();
        } catch (RuntimeException e) {
            log.warn("P2P maintenance failed", e);
        }
    }

    private void sendPing(Peer p) {
        long nonce = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        p.pingNonce = nonce;
        p.lastPingNanos = System.nanoTime();
        p.pingSentNanos = p.lastPingNanos;
        p.send(new Message.Ping(nonce));
    }

    /** Announces to {@code tracker} from now on, as if it had been configured (the first run's "join"). */
    public synchronized void addTracker(HostPort tracker) {
        if (closed) {
            return;
        }
        if (trackerClient == null) {
            trackerClient = new TrackerClient(List.of(tracker), identity, this::port, this::onTrackerPeers,
                    settings.tracker());
            trackerClient.start();
        } else {
            trackerClient.add(tracker);
        }
        log.info("announcing to tracker {} from now on", tracker);
    }

    private void startDiscovery() {
        try {
            discovery = LocalDiscovery.start(settings.localDiscovery(), identity.networkId(), identity.nodeId(),
                    this::port, this::onLocalPeer, timer);
        } catch (IOException | RuntimeException e) {
            discoveryProblem = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("Local network discovery is off: {}", discoveryProblem);
        }
    }

    /** Local network discovery as it runs: null when it was not asked for. */
    public DiscoveryStatus discoveryStatus() {
        if (!settings.localDiscovery().enabled()) {
            return null;
        }
        LocalDiscovery d = discovery;
        int heard;
        synchronized (localPeers) {
            heard = localPeers.size();
        }
        return d == null ? new DiscoveryStatus(false, discoveryProblem, List.of(), heard, null)
                : new DiscoveryStatus(true, null, d.interfaceNames(), heard, d.counts());
    }

    /**
     * Local network discovery for the peers view and RPC: whether it runs (and if not, why), on which interfaces, how
     * many nodes it has heard and what it has sent and received.
     */
    public record DiscoveryStatus(boolean running, String problem, List<String> interfaces, int nodesHeard,
                                  LocalDiscovery.Counts counts) {
    }

    private record LocalPeer(HostPort address, long heardNanos) {
    }

    /** A node heard on the local network: an address to try, like one from gossip, never more trusted. */
    private void onLocalPeer(LocalDiscovery.Heard h) {
        if (closed || h.nodeId().equals(identity.nodeId())) {
            return;
        }
        long now = System.nanoTime();
        boolean added;
        synchronized (localPeers) {
            LocalPeer known = localPeers.get(h.nodeId());
            // A node on this machine is heard on each interface (127.0.0.1 and the LAN address): the first address
            // is kept while it is still heard, so the node is dialled at one address rather than two.
            long quiet = settings.localDiscovery().announceInterval().toNanos();
            added = known == null || (!known.address().equals(h.address()) && now - known.heardNanos() > quiet);
            if (added || known.address().equals(h.address())) {
                localPeers.put(h.nodeId(), new LocalPeer(h.address(), now));
            }
        }
        if (added) {
            try {
                book.seen(h.address(), System.currentTimeMillis() / 1000, ADDRESS_SOURCE_LOCAL);
            } catch (IllegalArgumentException e) {
                log.debug("discovery heard a bad address: {}", e.getMessage());
            }
            log.debug("heard node {} on the local network at {}", h.nodeId(), h.address());
            timer.execute(this::keepConnected);
        }
    }

    private void onTrackerPeers(List<Message.PeerAddress> list) {
        long now = System.currentTimeMillis() / 1000;
        List<Message.PeerAddress> others = new ArrayList<>();
        for (Message.PeerAddress a : list) {
            if (a.nodeId().equals(identity.nodeId())) {
                continue;
            }
            others.add(a);
            try {
                book.seen(new HostPort(a.host(), a.port()), now, ADDRESS_SOURCE_TRACKER);
            } catch (IllegalArgumentException e) {
                log.debug("tracker sent a bad address: {}", e.getMessage());
            }
        }
        trackerPeers = others;
        timer.execute(this::keepConnected);
    }

    /** Dials fixed peers that are down, then (with discovery) tracker peers and the address book up to the outbound limit. */
    private void keepConnected() {
        if (closed) {
            return;
        }
        try {
            for (HostPort f : fixedPeers) {
                if (!isConnectedTo(f) && mayDial(f)) {
                    dial(f, PeerOrigin.MANUAL);
                }
            }
            if (!settings.discover()) {
                return;
            }
            int outbound = outboundCount() + dialing.size();
            Set<String> connectedNodes = ConcurrentHashMap.newKeySet();
            peers.values().forEach(p -> connectedNodes.add(p.version.nodeId()));
            // Tracker peers first: an address both in the tracker's answer and in the book is counted as the tracker's.
            Map<HostPort, PeerOrigin> candidates = new java.util.LinkedHashMap<>();
            for (Message.PeerAddress a : trackerPeers) {
                if (!connectedNodes.contains(a.nodeId())) {
                    try {
                        candidates.putIfAbsent(new HostPort(a.host(), a.port()), PeerOrigin.TRACKER);
                    } catch (IllegalArgumentException ignored) {
                        // a bad entry: skipped
                    }
                }
            }
            synchronized (localPeers) {
                // a node not heard for three announce intervals has left the network
                long silent = 3 * settings.localDiscovery().announceInterval().toNanos();
                long now = System.nanoTime();
                localPeers.values().removeIf(l -> now - l.heardNanos() > silent);
                localPeers.forEach((node, l) -> {
                    if (!connectedNodes.contains(node)) {
                        candidates.putIfAbsent(l.address(), PeerOrigin.LOCAL_NETWORK);
                    }
                });
            }
            book.entries(ADDRESS_CANDIDATES).forEach(e -> candidates.putIfAbsent(e.address(), PeerOrigin.ADDRESS_BOOK));
            for (Map.Entry<HostPort, PeerOrigin> c : candidates.entrySet()) {
                if (outbound >= settings.maxOutbound()) {
                    break;
                }
                if (!isConnectedTo(c.getKey()) && mayDial(c.getKey())) {
                    dial(c.getKey(), c.getValue());
                    outbound++;
                }
            }
        } catch (RuntimeException e) {
            log.warn("P2P connection keeper failed", e);
        }
    }

    private boolean mayDial(HostPort a) {
        if (dialing.contains(a) || selfAddresses.contains(a) || (a.port() == port() && isLocal(a.host()))) {
            return false;
        }
        if (book.banOf(literal(a.host())) != null) {
            return false;
        }
        Attempt last = attempts.get(a);
        if (last == null) {
            return true;
        }
        long wait = Math.min(MAX_RECONNECT_BACKOFF.toNanos(),
                settings.connectInterval().toNanos() << Math.min(20, last.failures()));
        return System.nanoTime() - last.atNanos() >= wait;
    }

    private boolean isConnectedTo(HostPort a) {
        String host = literal(a.host());
        for (Peer p : peers.values()) {
            if (p.listenAddress != null && p.listenAddress.port() == a.port() && p.listenAddress.host().equals(host)) {
                return true;
            }
        }
        return false;
    }

    /** {@code host} as an address's canonical text; a name stays a name (never resolved here: this is the timer). */
    private static String literal(String host) {
        return IpLiterals.canonical(host);
    }

    private static boolean isLocal(String host) {
        InetAddress a = IpLiterals.parse(host);
        return "localhost".equalsIgnoreCase(host) || (a != null && (a.isLoopbackAddress() || a.isAnyLocalAddress()));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception ignored) {
                // unsubscribing cannot fail
            }
        }
        synchronized (this) {
            // under the lock addTracker takes, so a tracker added while closing is closed too
            if (trackerClient != null) {
                trackerClient.close();
            }
        }
        if (discovery != null) {
            discovery.close();
        }
        timer.shutdownNow();
        relay.shutdownNow();
        blockConnector.shutdownNow();
        if (listener != null) {
            listener.close();
        }
        for (Peer p : List.copyOf(peers.values())) {
            disconnect(p, "node stopping", null);
            p.closeSocket();
        }
        dialer.shutdownNow();
        try {
            dialer.awaitTermination(2, TimeUnit.SECONDS);
            relay.awaitTermination(2, TimeUnit.SECONDS);
            blockConnector.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        book.close();
    }
}
