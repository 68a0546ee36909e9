package org.peerchain.p2p;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
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
    /** Headers sent at most in one announcement; a peer missing more asks with {@code getheaders}. */
    static final int MAX_ANNOUNCE_HEADERS = 8;
    /** While the best header is this far above the tip the node is syncing and announces its tip less often. */
    static final int ANNOUNCE_WHILE_BEHIND_LIMIT = 1;
    /**
     * How often a syncing node announces its tip. Not never: a header chain whose blocks nobody serves (cheap
     * headers from a hostile peer) would otherwise keep the node "syncing" and silent for good.
     */
    static final long ANNOUNCE_WHILE_BEHIND_INTERVAL_NANOS = 1_000_000_000L;
    /** Longest wait between attempts to reach an address that keeps failing. */
    static final Duration MAX_RECONNECT_BACKOFF = Duration.ofMinutes(1);
    /** A transaction asked of one peer is not asked of another before this. */
    static final long TX_REQUEST_TIMEOUT_NANOS = 5_000_000_000L;
    static final int ADDRESS_CANDIDATES = 100;
    static final String ADDRESS_SOURCE_TRACKER = "tracker";
    static final String ADDRESS_SOURCE_LOCAL = "local network";
    /** Nodes heard on the local network that are remembered as candidates (the most recently heard are kept). */
    static final int MAX_LOCAL_PEERS = 64;
    static final long MAINTENANCE_INTERVAL_MILLIS = 250;
    static final int MAX_RECENT_REJECTS = 10_000;
    /**
     * Most header-only entries the node keeps above its tip. Headers further ahead are asked for again when the
     * blocks have caught up to half of it, so a peer with cheap headers (regtest difficulty, or a long low-target
     * branch) cannot make the node store an unbounded header chain whose blocks never come.
     */
    static final int MAX_HEADERS_LEAD = 10_000;
    /** Unrequested blocks we have or do not want, and transactions we have, tolerated per peer in one window. */
    static final int MAX_REDUNDANT_MESSAGES = 10;
    /** Frames of unknown type tolerated per peer in one window (the protocol may grow; a flood is no growth). */
    static final int MAX_UNKNOWN_MESSAGES = 1_000;
    static final long FLOOD_WINDOW_NANOS = 60_000_000_000L;
    /** How long a closing connection may take to write its last frames (the error saying why). */
    static final long WRITER_DRAIN_MILLIS = 2_000;
    /** An unanswered getheaders is not repeated to the same peer before this (Bitcoin Core's HEADERS_RESPONSE_TIME). */
    static final long HEADERS_RESPONSE_NANOS = 120_000_000_000L;

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

    /** A transaction asked of {@code peer} at {@code atNanos}. */
    private record TxRequest(Peer peer, long atNanos) {
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
    private final Set<HostPort> selfAddresses = ConcurrentHashMap.newKeySet();
    private final Map<Hash, TxRequest> requestedTxs = new ConcurrentHashMap<>();
    private final KnownSet<Hash> recentRejects = new KnownSet<>(MAX_RECENT_REJECTS);
    /**
     * Transactions refused for what the node holds now (a missing parent, a fee floor): not rejected for good, but
     * not checked again until something changes (a transaction accepted, a new tip), so sending one again and again
     * costs the node nothing.
     */
    private final KnownSet<Hash> waitingForContext = new KnownSet<>(MAX_RECENT_REJECTS);
    private final MissingInputsBudget missingInputs = new MissingInputsBudget();
    private final OrphanTransactions orphans = new OrphanTransactions();
    private final InboundEviction eviction = new InboundEviction(secretKey());
    private volatile List<Message.PeerAddress> trackerPeers = List.of();
    private final NetworkTraffic traffic = new NetworkTraffic();
    /** The ban list as last published in a {@link NetworkEvent.BansChanged}; guarded by {@link #banEvents}. */
    private Set<BanEntry> publishedBans = Set.of();
    private final Object banEvents = new Object();
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService relay;
    private final ThreadPoolExecutor dialer;
    private final AtomicBoolean announcePending = new AtomicBoolean();
    private final AtomicBoolean announceDeferred = new AtomicBoolean();
    /** Relay thread only. */
    private long lastAnnounceNanos;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** The one peer initial headers are asked of (null: none now); another is tried when it goes quiet. */
    private Peer syncPeer;
    private long syncPeerAskedNanos;
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

    private PeerNetwork(Config config, ChainAccess chain, EventBus events, PeerAddressBook book) {
        this.config = config;
        this.settings = config.settings();
        this.chain = chain;
        this.events = events;
        this.book = book;
        this.gossip = new AddressGossip(book);
        this.download = new BlockDownload(chain);
        this.identity = new NodeIdentity(config.networkId(), NodeIdentity.newNodeId(), () -> chain.tip().height(),
                () -> chain.tip().chainWork());
        this.timer = new TimerExecutor("p2p-timer");
        timer.setRemoveOnCancelPolicy(true);
        this.relay = Executors.newSingleThreadExecutor(new NamedThreadFactory("p2p-relay"));
        this.dialer = (ThreadPoolExecutor) Executors.newCachedThreadPool(new NamedThreadFactory("p2p-peer-out"));
        fixedPeers.addAll(config.connect());
        this.publishedBans = Set.copyOf(book.bans());
    }

    /** Opens the address book, listens, subscribes to the chain's and mempool's events, and starts dialing. */
    public static PeerNetwork start(Config config, ChainAccess chain, EventBus events) throws IOException {
        PeerAddressBook book = PeerAddressBook.open(config.dataDir().resolve(PeerAddressBook.FILE_NAME),
                () -> System.currentTimeMillis() / 1000);
        PeerNetwork n = new PeerNetwork(config, chain, events, book);
        try {
            n.listener = PeerListener.start(n.identity, config.bind(), config.port(), config.settings().handshakeTimeout(),
                    n.new Sessions());
        } catch (IOException e) {
            n.close();
            throw e;
        }
        n.subscriptions.add(events.subscribe(ChainEvent.TipChanged.class, e -> n.onTipChanged()));
        n.subscriptions.add(events.subscribe(MempoolEvent.TxAccepted.class, e -> n.onTxAccepted(e.entry().tx())));
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
            out.write(new Message.Version(identity.networkId(), ProtocolVersion.CURRENT, identity.nodeId(), port(),
                    identity.bestHeight().getAsLong(), identity.totalWork().get()));
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
            if (!(second instanceof Message.Verack)) {
                throw new IOException("expected \"verack\", got " + (second == null ? "end of stream" : "\"" + second.type() + "\""));
            }
            out.write(new Message.Verack());
            s.setSoTimeout((int) PeerListener.IDLE_TIMEOUT.toMillis());
            Peer p = register(s, v, origin);
            if (p == null) {
                s.close();
                return null;
            }
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
        startHeadersSync();
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
        missingInputs.forget(p.id);
        orphans.dropPeer(p.id);
        List<Hash> returned = download.peerGone(p);
        synchronized (this) {
            if (syncPeer == p) {
                syncPeer = null;
            }
        }
        log.info("disconnected {}: {}", p, reason);
        events.publish(new NetworkEvent.PeerDisconnected(p.id, p.address(), reason));
        if (!closed) {
            startHeadersSync();
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
            serveHeaders(p, g);
        } else if (m instanceof PeerMessages.Headers h) {
            onHeaders(p, h.headers());
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
                    forgetTxRequest(i.hash(), p);
                }
            }
            reassign(lacking);
            requestBlocks();
        } else if (m instanceof PeerMessages.BlockMessage b) {
            onBlock(p, b.data());
        } else if (m instanceof PeerMessages.TxMessage t) {
            onTx(p, t.data());
        } else if (m instanceof PeerMessages.GetAddr) {
            if (p.answeredGetAddr.compareAndSet(false, true)) {
                p.send(new PeerMessages.Addr(gossip.addressesToShare(peers.values())));
            }
        } else if (m instanceof PeerMessages.Addr a) {
            gossip.receive(p, a.addresses());
        } else if (m instanceof Message.Version) {
            misbehave(p, Misbehaviour.DUPLICATE_VERSION, HandshakeRejection.DUPLICATE_VERSION, "\"version\" after the handshake");
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

    private void serveHeaders(Peer p, PeerMessages.GetHeaders g) {
        BlockIndexEntry start = null;
        for (Hash h : g.locator()) {
            BlockIndexEntry e = chain.entry(h);
            if (e != null && chain.isActive(e)) {
                start = e;
                break;
            }
        }
        if (start == null) {
            start = chain.entryAt(0);
        } else {
            // a locator begins at the peer's tip: it has at least the newest block of ours it names
            p.noteShownHeight(start.height());
        }
        List<BlockHeader> out = new ArrayList<>();
        for (int h = start.height() + 1; out.size() < PeerMessages.MAX_HEADERS_RESULTS; h++) {
            BlockIndexEntry e = chain.entryAt(h);
            if (e == null) {
                break;
            }
            out.add(e.header());
            p.knownBlocks.add(e.hash());
            if (e.hash().equals(g.stop())) {
                break;
            }
        }
        p.send(new PeerMessages.Headers(out));
    }

    private void onHeaders(Peer p, List<BlockHeader> headers) {
        boolean fromSyncPeer = noteHeadersFrom(p);
        if (headers.isEmpty()) {
            p.headersRequestedNanos = 0;
            if (fromSyncPeer) {
                syncPeerDone(p);
            }
            askHeadersIfWanted(p);
            return;
        }
        for (int i = 1; i < headers.size(); i++) {
            if (!headers.get(i).prevHash().equals(headers.get(i - 1).hash())) {
                misbehave(p, Misbehaviour.NON_CONTINUOUS_HEADERS, Misbehaviour.CODE_NON_CONTINUOUS,
                        "header " + i + " does not follow header " + (i - 1));
                return;
            }
        }
        boolean full = headers.size() == PeerMessages.MAX_HEADERS_RESULTS;
        BlockHeader lastHeader = headers.get(headers.size() - 1);
        HeaderPresync pre = p.presync;
        if (pre != null && !pre.redownloading && headers.get(0).prevHash().equals(pre.lastHash)) {
            p.headersRequestedNanos = 0;
            continuePresync(p, pre, headers, full);
            return;
        }
        BlockIndexEntry parent = chain.entry(headers.get(0).prevHash());
        if (parent == null) {
            headers.forEach(h -> p.knownBlocks.add(h.hash()));
            // An announcement of a block whose parents we lack: ask for the headers in between. One that races our
            // unanswered getheaders, or builds on headers of this peer we held back (the lead limit), is what an
            // honest peer mining faster than we sync sends; only the others count toward the penalty.
            boolean expected = p.moreHeaders || headersOutstanding(p);
            if (!expected && ++p.unconnectingHeaders % Misbehaviour.MAX_UNCONNECTING_HEADERS == 0) {
                misbehave(p, Misbehaviour.UNCONNECTING_HEADERS, Misbehaviour.CODE_UNCONNECTING,
                        "the parent " + headers.get(0).prevHash() + " is unknown");
            }
            maybeAskHeaders(p);
            return;
        }
        p.unconnectingHeaders = 0;
        // Headers that connect are taken as the answer to any getheaders outstanding with this peer; headers that
        // do not connect cannot be one (Bitcoin Core's rule).
        p.headersRequestedNanos = 0;
        BlockIndexEntry tip = chain.tip();
        boolean allKnown = chain.entry(lastHeader.hash()) != null;
        boolean redownload = pre != null && pre.redownloading;
        if (!allKnown && !redownload && workAfter(parent, headers).compareTo(tip.chainWork()) <= 0) {
            // A branch with no more work than ours cannot become our chain: nothing of it is stored. A full
            // answer may be the start of a longer branch: count its work without storing it (Bitcoin Core's
            // headers presync, in spirit) and store it only once it shows more work than ours.
            if (full) {
                startPresync(p, parent, headers);
            } else {
                askHeadersIfWanted(p);
            }
            return;
        }
        int room = tip.height() + MAX_HEADERS_LEAD - parent.height();
        boolean truncated = headers.size() > room;
        List<BlockHeader> accepted = truncated ? headers.subList(0, Math.max(0, room)) : headers;
        accepted.forEach(h -> p.knownBlocks.add(h.hash()));
        List<BlockIndexEntry> entries;
        try {
            entries = accepted.isEmpty() ? List.of() : chain.acceptHeaders(accepted);
        } catch (ValidationException e) {
            if (!Misbehaviour.HARMLESS_BLOCK_REASONS.contains(e.reason())) {
                misbehave(p, Misbehaviour.INVALID_BLOCK, e.reason(), "invalid header: " + e.getMessage());
            }
            return;
        }
        BlockIndexEntry last = entries.isEmpty() ? parent : entries.get(entries.size() - 1);
        if (redownload) {
            pre.allowance -= accepted.size();
            if (pre.allowance <= 0 || last.chainWork().compareTo(tip.chainWork()) > 0) {
                p.presync = null;
            }
        }
        p.noteBest(last);
        if (truncated) {
            p.moreHeaders = true;
        } else if (full) {
            askHeaders(p, BlockLocator.from(last, chain));
        } else {
            if (fromSyncPeer) {
                syncPeerDone(p);
            }
            askHeadersIfWanted(p);
        }
        if (!full && entries.size() <= MAX_ANNOUNCE_HEADERS && last.chainWork().compareTo(tip.chainWork()) > 0) {
            download.requestAnnounced(p, entries);
        }
        requestBlocks();
    }

    /** Asks {@code p} for the headers after {@code locator}; the request is outstanding until headers that connect arrive. */
    private void askHeaders(Peer p, List<Hash> locator) {
        p.headersRequestedNanos = System.nanoTime();
        p.headersWanted = false;
        p.send(new PeerMessages.GetHeaders(locator, Hash.ZERO));
    }

    /**
     * Asks {@code p} for the headers beyond our best header unless a getheaders to it is still unanswered (Bitcoin
     * Core's MaybeSendGetHeaders). Otherwise every announcement of a block we cannot place would ask again, and a
     * peer mining faster than we sync would get a getheaders per block and answer each with up to 2,000 headers,
     * until both sides' send queues fill and neither reads. What is not asked now is asked when the answer comes.
     */
    private void maybeAskHeaders(Peer p) {
        if (headersOutstanding(p)) {
            p.headersWanted = true;
            return;
        }
        askHeaders(p, BlockLocator.from(chain.bestHeader(), chain));
    }

    private static boolean headersOutstanding(Peer p) {
        long asked = p.headersRequestedNanos;
        return asked != 0 && System.nanoTime() - asked < HEADERS_RESPONSE_NANOS;
    }

    /** After an answer that ended the peer's headers: asks again if an announcement was held back meanwhile. */
    private void askHeadersIfWanted(Peer p) {
        if (p.headersWanted) {
            maybeAskHeaders(p);
        }
    }

    private static BigInteger workAfter(BlockIndexEntry parent, List<BlockHeader> headers) {
        BigInteger w = parent.chainWork();
        for (BlockHeader h : headers) {
            w = w.add(CompactTarget.work(h.bits()));
        }
        return w;
    }

    private void startPresync(Peer p, BlockIndexEntry fork, List<BlockHeader> headers) {
        if (!checkPresyncHeaders(p, headers)) {
            return;
        }
        BlockHeader last = headers.get(headers.size() - 1);
        p.presync = new HeaderPresync(fork.hash(), last.hash(), headers.size(), workAfter(fork, headers));
        askHeaders(p, List.of(last.hash()));
    }

    private void continuePresync(Peer p, HeaderPresync pre, List<BlockHeader> headers, boolean full) {
        if (!checkPresyncHeaders(p, headers)) {
            return;
        }
        for (BlockHeader h : headers) {
            pre.work = pre.work.add(CompactTarget.work(h.bits()));
        }
        pre.count += headers.size();
        pre.lastHash = headers.get(headers.size() - 1).hash();
        BlockIndexEntry fork = chain.entry(pre.fork);
        if (fork != null && pre.work.compareTo(chain.tip().chainWork()) > 0) {
            // The branch has more work than ours after all: ask for it again from the fork, and store it this time.
            pre.redownloading = true;
            pre.allowance = pre.count;
            askHeaders(p, BlockLocator.from(fork, chain));
        } else if (full && fork != null) {
            askHeaders(p, List.of(pre.lastHash));
        } else {
            p.presync = null;
        }
    }

    /** Proof of work of headers not stored (yet): a peer cannot make us count work it did not do. */
    private boolean checkPresyncHeaders(Peer p, List<BlockHeader> headers) {
        for (BlockHeader h : headers) {
            try {
                chain.checkHeader(h);
            } catch (ValidationException e) {
                misbehave(p, Misbehaviour.INVALID_BLOCK, e.reason(), "invalid header " + h.hash() + ": " + e.getMessage());
                p.presync = null;
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ headers sync peer

    /** True when {@code p} is the sync peer (its answer resets its clock). */
    private synchronized boolean noteHeadersFrom(Peer p) {
        if (syncPeer == p) {
            syncPeerAskedNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    private synchronized void syncPeerDone(Peer p) {
        if (syncPeer == p) {
            syncPeer = null;
        }
        try {
            timer.execute(this::startHeadersSync);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * Asks one peer at a time for the headers it has beyond ours (as Bitcoin Core does, so that initial sync does
     * not download every header from every peer): an outbound peer, or an inbound one claiming more work than our
     * best header, each at most once per connection. A sync peer that stays silent past the stall timeout is
     * replaced by the next; announcements from any peer are still followed up with that peer.
     */
    private synchronized void startHeadersSync() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        if (syncPeer != null && !syncPeer.isClosed()) {
            if (syncPeer.moreHeaders || now - syncPeerAskedNanos < settings.stallTimeout().toNanos()) {
                return;
            }
            log.info("{} did not answer getheaders within {} ms: asking another peer", syncPeer,
                    settings.stallTimeout().toMillis());
        }
        syncPeer = null;
        BlockIndexEntry best = chain.bestHeader();
        Peer pick = null;
        for (Peer p : peers.values()) {
            if (p.isClosed() || p.askedForHeaders || (p.inbound && p.version.work().compareTo(best.chainWork()) <= 0)) {
                continue;
            }
            if (pick == null || (pick.inbound && !p.inbound)) {
                pick = p;
            }
        }
        if (pick == null) {
            return;
        }
        pick.askedForHeaders = true;
        syncPeer = pick;
        syncPeerAskedNanos = now;
        askHeaders(pick, BlockLocator.from(best, chain));
    }

    /** Asks for more headers, from the peer that has them, once the blocks have caught up with half the lead. */
    private void resumeHeaders() {
        BlockIndexEntry best = chain.bestHeader();
        if (best.height() - chain.tip().height() > MAX_HEADERS_LEAD / 2) {
            return;
        }
        for (Peer p : peers.values()) {
            if (p.moreHeaders && !p.isClosed()) {
                p.moreHeaders = false;
                synchronized (this) {
                    if (syncPeer == p) {
                        syncPeerAskedNanos = System.nanoTime();
                    }
                }
                askHeaders(p, BlockLocator.from(best, chain));
                return;
            }
        }
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
                TxRequest asked = requestedTxs.get(i.hash());
                if (chain.mempoolTransaction(i.hash()) == null && !recentRejects.contains(i.hash())
                        && !waitingForContext.contains(i.hash()) && !orphans.contains(i.hash())
                        && (asked == null || now - asked.atNanos() > TX_REQUEST_TIMEOUT_NANOS)
                        && p.txRequestsInFlight.get() < Peer.MAX_TX_REQUESTS_IN_FLIGHT) {
                    if (asked != null) {
                        forgetTxRequest(i.hash(), asked.peer());
                    }
                    requestedTxs.put(i.hash(), new TxRequest(p, now));
                    p.txRequestsInFlight.incrementAndGet();
                    wanted.add(i);
                }
            }
        }
        if (dropped > 0 && p.invItemsDropped.getAndAdd(dropped) == 0) {
            log.info("{} announces more than {} items at once or {} a second: the excess is dropped unread", p,
                    Peer.INV_BURST, (long) Peer.INV_PER_SECOND);
        }
        if (unknownBlock) {
            maybeAskHeaders(p);
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
        boolean requested = download.delivered(p, hash);
        if (!requested) {
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
                maybeAskHeaders(p);
            }
        } catch (ValidationException e) {
            if (!Misbehaviour.HARMLESS_BLOCK_REASONS.contains(e.reason())) {
                misbehave(p, Misbehaviour.INVALID_BLOCK, e.reason(), "invalid block " + hash + ": " + e.getMessage());
            }
        }
        requestBlocks();
    }

    private void onTx(Peer p, byte[] data) {
        Transaction tx;
        try {
            tx = Transaction.deserialize(data);
        } catch (DecodingException e) {
            misbehave(p, Misbehaviour.UNDECODABLE, Misbehaviour.CODE_UNDECODABLE, "tx: " + e.getMessage());
            return;
        }
        Hash txid = tx.txid();
        p.knownTxs.add(txid);
        boolean requested = forgetTxRequest(txid, null);
        if (chain.mempoolTransaction(txid) != null || recentRejects.contains(txid) || waitingForContext.contains(txid)
                || orphans.contains(txid)) {
            if (!requested) {
                redundant(p, "transaction " + txid + ", which we have");
            }
            return;
        }
        try {
            chain.submitTransaction(tx);
            p.lastNewTxNanos = System.nanoTime();
        } catch (ValidationException e) {
            if (Misbehaviour.CONTEXT_DEPENDENT_TX_REASONS.contains(e.reason())) {
                waitingForContext.add(txid);
            } else {
                recentRejects.add(txid);
            }
            if (e.reason().equals(Misbehaviour.MISSING_INPUTS)) {
                onMissingInputs(p, tx);
            }
            if (!Misbehaviour.HARMLESS_TX_REASONS.contains(e.reason())) {
                misbehave(p, Misbehaviour.INVALID_TX, e.reason(), "invalid transaction " + txid + ": " + e.getMessage());
            }
        }
    }

    /**
     * A transaction whose inputs we lack: within its sender's budget it is kept as an orphan and its missing parents
     * are asked of the sender. Announcing first makes a transaction "requested", so the budget counts every one;
     * past it the sender is penalised, except while we are behind in blocks, when honest peers relay spends of coins
     * we have not seen yet.
     */
    private void onMissingInputs(Peer p, Transaction tx) {
        if (!missingInputs.take(p.id)) {
            if (chain.bestHeader().height() <= chain.tip().height()) {
                misbehave(p, Misbehaviour.MISSING_INPUTS_FLOOD, Misbehaviour.CODE_MISSING_INPUTS_FLOOD,
                        "transactions with missing inputs faster than " + MissingInputsBudget.TOKENS_PER_SECOND
                                + " a second, the last " + tx.txid());
            }
            return;
        }
        java.util.Set<Hash> parents = OrphanTransactions.parents(tx);
        // A parent refused for good makes the child invalid too (Bitcoin Core's rejected parents).
        if (parents.stream().anyMatch(recentRejects::contains) || !orphans.add(tx, p.id)) {
            return;
        }
        List<InvItem> ask = new ArrayList<>();
        long now = System.nanoTime();
        for (Hash parent : parents) {
            if (ask.size() < OrphanTransactions.MAX_PARENTS_ASKED && chain.mempoolTransaction(parent) == null
                    && !orphans.contains(parent) && p.txRequestsInFlight.get() < Peer.MAX_TX_REQUESTS_IN_FLIGHT
                    && requestedTxs.putIfAbsent(parent, new TxRequest(p, now)) == null) {
                p.txRequestsInFlight.incrementAndGet();
                ask.add(new InvItem(InvKind.TX, parent));
            }
        }
        if (!ask.isEmpty()) {
            p.send(new PeerMessages.GetData(ask));
        }
    }

    /** Tries again the orphans that spend an output of {@code parent}, now in the mempool. On the relay thread. */
    private void retryOrphansOf(Hash parent) {
        for (OrphanTransactions.Orphan o : orphans.takeChildrenOf(parent)) {
            Hash txid = o.tx().txid();
            try {
                chain.submitTransaction(o.tx());
            } catch (ValidationException e) {
                if (e.reason().equals(Misbehaviour.MISSING_INPUTS)) {
                    orphans.add(o.tx(), o.fromPeer());
                } else if (Misbehaviour.CONTEXT_DEPENDENT_TX_REASONS.contains(e.reason())) {
                    waitingForContext.add(txid);
                } else {
                    recentRejects.add(txid);
                }
                Peer from = peers.get(o.fromPeer());
                if (from != null && !Misbehaviour.HARMLESS_TX_REASONS.contains(e.reason())) {
                    misbehave(from, Misbehaviour.INVALID_TX, e.reason(), "invalid orphan transaction " + txid + ": "
                            + e.getMessage());
                }
            }
        }
    }

    /** Transactions kept while their parents are missing (tests). */
    int orphanCount() {
        return orphans.size();
    }

    /**
     * Forgets the request for {@code txid} (it came, was refused or timed out) and frees its slot with the peer it was
     * asked of; with {@code from} given, only a request made of that peer. True when there was one.
     */
    private boolean forgetTxRequest(Hash txid, Peer from) {
        TxRequest r = requestedTxs.get(txid);
        if (r == null || (from != null && r.peer() != from) || !requestedTxs.remove(txid, r)) {
            return false;
        }
        r.peer().txRequestsInFlight.decrementAndGet();
        return true;
    }

    private void requestBlocks() {
        download.requestBlocks(peers.values());
    }

    // ------------------------------------------------------------------ relay

    /** Runs on the chain's thread under its lock: only hands off. */
    private void onTipChanged() {
        // a new tip can make a refused transaction valid (Bitcoin Core resets its recent rejects at each tip)
        recentRejects.clear();
        waitingForContext.clear();
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
            for (; e != null && e.height() > 0 && headers.size() < MAX_ANNOUNCE_HEADERS
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

    /** Runs on the mempool's thread: only hands off. */
    private void onTxAccepted(Transaction tx) {
        // the new transaction may be the parent a waiting one lacked
        waitingForContext.clear();
        try {
            relay.execute(() -> {
                InvItem item = new InvItem(InvKind.TX, tx.txid());
                for (Peer p : peers.values()) {
                    if (!p.isClosed() && p.knownTxs.add(tx.txid())) {
                        p.send(new PeerMessages.Inv(List.of(item)));
                    }
                }
                retryOrphansOf(tx.txid());
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    // ------------------------------------------------------------------ timers

    private void maintain() {
        try {
            long now = System.nanoTime();
            long stall = settings.stallTimeout().toNanos();
            orphans.expire();
            for (Peer p : peers.values()) {
                if (download.stalled(p, now, stall)) {
                    disconnect(p, "stalled: no block delivered in " + settings.stallTimeout().toMillis() + " ms", null);
                } else if (p.pingSentNanos != 0 && now - p.pingSentNanos > settings.pingTimeout().toNanos()) {
                    disconnect(p, "no pong within " + settings.pingTimeout().toSeconds() + " s", null);
                } else if (p.pingSentNanos == 0 && now - p.lastPingNanos > settings.pingInterval().toNanos()) {
                    sendPing(p);
                }
            }
            for (Map.Entry<Hash, TxRequest> e : requestedTxs.entrySet()) {
                if (now - e.getValue().atNanos() > TX_REQUEST_TIMEOUT_NANOS) {
                    forgetTxRequest(e.getKey(), e.getValue().peer());
                }
            }
            startHeadersSync();
            resumeHeaders();
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        book.close();
    }
}
