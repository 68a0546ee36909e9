package org.peerchain.p2p;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds nodes on the local network with nothing configured, in the spirit of BitTorrent's Local Service Discovery
 * (BEP 14): each node multicasts a small datagram naming its network, node id and listen port at start and every
 * {@link Settings#announceInterval()}, with a time-to-live of 1 so it stays on the link. What is heard is only an
 * address to try: it goes through the same handshake, bans and misbehaviour rules as an address from gossip.
 *
 * <p>The datagram is four lines of ASCII:
 * <pre>
 * PEERCHAIN-HELLO 1
 * network: peerchain-main
 * node: 68a635f66f4a94c9044e86de2aae3271
 * port: 8633
 * </pre>
 * Datagrams from another network and this node's own are ignored. Receipt is rate-limited per sending address and
 * overall; anything else malformed is counted and dropped.
 */
public final class LocalDiscovery implements AutoCloseable {
    /** An organisation-local multicast group (RFC 2365), chosen for PeerChain. */
    public static final String DEFAULT_GROUP = "239.192.80.67";
    /** One port for every network: the datagram names its network. */
    public static final int DEFAULT_PORT = 8634;
    public static final Duration ANNOUNCE_INTERVAL = Duration.ofMinutes(3);
    static final String MAGIC = "PEERCHAIN-HELLO 1";
    static final int MAX_DATAGRAM = 512;
    /** A node heard for the first time is answered with an announce, at most this often. */
    static final long ANSWER_SPACING_NANOS = 5_000_000_000L;
    /** Per sending address: this many datagrams at once, then one per {@link #PER_SOURCE_REFILL_NANOS}. */
    static final int PER_SOURCE_BURST = 4;
    static final long PER_SOURCE_REFILL_NANOS = 5_000_000_000L;
    /** All senders together: this many at once, then one per {@link #GLOBAL_REFILL_NANOS}. */
    static final int GLOBAL_BURST = 20;
    static final long GLOBAL_REFILL_NANOS = 200_000_000L;
    /** Senders whose rate is tracked; the longest quiet is forgotten first. */
    static final int MAX_TRACKED_SOURCES = 256;

    private static final Logger log = LoggerFactory.getLogger(LocalDiscovery.class);
    private static final Pattern NODE_ID = Pattern.compile("[0-9a-f]{" + (2 * NodeIdentity.NODE_ID_BYTES) + "}");
    private static final Pattern NETWORK_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    /** Whether discovery runs, on which group and port, and how often this node announces itself. */
    public record Settings(boolean enabled, String group, int port, Duration announceInterval) {
        public Settings {
            Objects.requireNonNull(group);
            Objects.requireNonNull(announceInterval);
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("the discovery port must be 1 to 65535, not " + port);
            }
            if (announceInterval.isNegative() || announceInterval.isZero()) {
                throw new IllegalArgumentException("the announce interval must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings(true, DEFAULT_GROUP, DEFAULT_PORT, ANNOUNCE_INTERVAL);
        }

        public static Settings off() {
            return defaults().withEnabled(false);
        }

        public Settings withEnabled(boolean on) {
            return new Settings(on, group, port, announceInterval);
        }

        /** Tests use a port of their own, so that discovery in one test hears no other. */
        public Settings withPort(int p) {
            return new Settings(enabled, group, p, announceInterval);
        }
    }

    /** A node heard on the local network: where to dial it (the datagram's source address and the announced port). */
    public record Heard(HostPort address, String nodeId) {
    }

    /** What was read from a datagram that passed the checks. */
    record Announcement(String networkId, String nodeId, int port) {
    }

    /** What discovery has done so far, for the peers view, metrics and tests. */
    public record Counts(long sent, long heard, long refused, long limited) {
    }

    private final Settings settings;
    private final String networkId;
    private final String nodeId;
    private final IntSupplier listenPort;
    private final Consumer<Heard> onHeard;
    private final ScheduledExecutorService timer;
    private final LongSupplier clock;
    private final MulticastSocket socket;
    private final InetAddress group;
    private final List<NetworkInterface> interfaces;
    private final Thread receiver;
    private final RateLimiter limiter;
    /** Node ids heard so far (the most recent {@link #MAX_TRACKED_SOURCES}), to answer a newcomer once. */
    private final KnownSet<String> nodesHeard = new KnownSet<>(MAX_TRACKED_SOURCES);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong heard = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();
    /** When this node last answered a newcomer; null before the first answer. */
    private volatile Long lastAnswerNanos;
    private ScheduledFuture<?> announcer;
    private volatile boolean closed;

    private LocalDiscovery(Settings settings, String networkId, String nodeId, IntSupplier listenPort,
            Consumer<Heard> onHeard, ScheduledExecutorService timer, MulticastSocket socket, InetAddress group,
            List<NetworkInterface> interfaces) {
        this.settings = settings;
        this.networkId = networkId;
        this.nodeId = nodeId;
        this.listenPort = listenPort;
        this.onHeard = onHeard;
        this.timer = timer;
        this.clock = System::nanoTime;
        this.socket = socket;
        this.group = group;
        this.interfaces = interfaces;
        this.limiter = new RateLimiter(clock);
        this.receiver = new Thread(this::receiveUntilClosed, "p2p-discovery");
        receiver.setDaemon(true);
    }

    /**
     * Joins the group on every interface that is up and can carry multicast (the loopback interface too, so that
     * two nodes on one machine hear each other), starts listening, announces at once and then every interval.
     *
     * @throws IOException when the socket cannot be opened or no interface could join the group; the node then
     *         runs without discovery and says why
     */
    public static LocalDiscovery start(Settings settings, String networkId, String nodeId, IntSupplier listenPort,
            Consumer<Heard> onHeard, ScheduledExecutorService timer) throws IOException {
        InetAddress group = InetAddress.getByName(settings.group());
        if (!group.isMulticastAddress()) {
            throw new IOException(settings.group() + " is not a multicast address");
        }
        MulticastSocket socket = new MulticastSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(settings.port()));
            socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            socket.setTimeToLive(1);
            List<NetworkInterface> joined = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || !(ni.supportsMulticast() || ni.isLoopback()) || !hasIpv4(ni)) {
                    continue;
                }
                try {
                    socket.joinGroup(new InetSocketAddress(group, settings.port()), ni);
                    joined.add(ni);
                } catch (IOException e) {
                    failures.add(ni.getName() + ": " + e.getMessage());
                }
            }
            if (joined.isEmpty()) {
                throw new IOException("no network interface could join " + settings.group()
                        + (failures.isEmpty() ? " (none is up with an IPv4 address)" : " (" + failures + ")"));
            }
            LocalDiscovery d = new LocalDiscovery(settings, networkId, nodeId, listenPort, onHeard, timer, socket, group,
                    List.copyOf(joined));
            d.receiver.start();
            long every = settings.announceInterval().toMillis();
            d.announcer = timer.scheduleWithFixedDelay(d::announce, 0, every, TimeUnit.MILLISECONDS);
            log.info("Local network discovery on {}:{} over {}", settings.group(), settings.port(),
                    joined.stream().map(NetworkInterface::getName).toList());
            return d;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static boolean hasIpv4(NetworkInterface ni) {
        return ni.inetAddresses().anyMatch(a -> a instanceof java.net.Inet4Address);
    }

    /** The interfaces the group was joined on, by name. */
    public List<String> interfaceNames() {
        return interfaces.stream().map(NetworkInterface::getName).toList();
    }

    public Counts counts() {
        return new Counts(sent.get(), heard.get(), refused.get(), limited.get());
    }

    /** Sends this node's announce on every joined interface. */
    void announce() {
        if (closed) {
            return;
        }
        byte[] data = encode(new Announcement(networkId, nodeId, listenPort.getAsInt()));
        for (NetworkInterface ni : interfaces) {
            try {
                synchronized (socket) {
                    socket.setNetworkInterface(ni);
                    socket.send(new DatagramPacket(data, data.length, group, settings.port()));
                }
                sent.incrementAndGet();
            } catch (IOException e) {
                if (!closed) {
                    log.debug("discovery announce on {} failed: {}", ni.getName(), e.getMessage());
                }
            }
        }
    }

    private void receiveUntilClosed() {
        byte[] buffer = new byte[MAX_DATAGRAM + 1];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    log.warn("local network discovery stopped receiving: {}", e.getMessage());
                }
                return;
            }
            try {
                received(packet.getAddress(), packet.getData(), packet.getLength());
            } catch (RuntimeException e) {
                log.warn("discovery datagram from {} not handled", packet.getAddress(), e);
            }
        }
    }

    /** One datagram from {@code from}: checked, rate-limited and, if it names another node of our network, passed on. */
    void received(InetAddress from, byte[] data, int length) {
        if (!limiter.admit(from.getHostAddress())) {
            limited.incrementAndGet();
            return;
        }
        Announcement a;
        try {
            a = parse(data, length);
        } catch (IllegalArgumentException e) {
            refused.incrementAndGet();
            log.debug("discovery datagram from {} refused: {}", from.getHostAddress(), e.getMessage());
            return;
        }
        if (!a.networkId().equals(networkId) || a.nodeId().equals(nodeId)) {
            return;
        }
        heard.incrementAndGet();
        boolean first = nodesHeard.add(a.nodeId());
        onHeard.accept(new Heard(new HostPort(from.getHostAddress(), a.port()), a.nodeId()));
        long now = clock.getAsLong();
        if (first && (lastAnswerNanos == null || now - lastAnswerNanos >= ANSWER_SPACING_NANOS)) {
            // a node that has just started learns of us now rather than at our next announce
            lastAnswerNanos = now;
            timer.execute(this::announce);
        }
    }

    static byte[] encode(Announcement a) {
        String text = MAGIC + "\nnetwork: " + a.networkId() + "\nnode: " + a.nodeId() + "\nport: " + a.port() + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads an announce.
     *
     * @throws IllegalArgumentException naming what is wrong: too long, not ours, a missing or repeated field, a bad
     *         network name, node id or port
     */
    static Announcement parse(byte[] data, int length) {
        if (length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("longer than " + MAX_DATAGRAM + " bytes");
        }
        String text = new String(data, 0, length, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n", -1);
        if (lines.length < 1 || !lines[0].equals(MAGIC)) {
            throw new IllegalArgumentException("does not start with \"" + MAGIC + "\"");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not \"name: value\"");
            }
            String key = line.substring(0, colon);
            if (fields.put(key, line.substring(colon + 2)) != null) {
                throw new IllegalArgumentException("\"" + key + "\" is given twice");
            }
        }
        String network = field(fields, "network");
        String node = field(fields, "node");
        String portText = field(fields, "port");
        if (!NETWORK_ID.matcher(network).matches()) {
            throw new IllegalArgumentException("the network name is not one: \"" + network + "\"");
        }
        if (!NODE_ID.matcher(node).matches()) {
            throw new IllegalArgumentException("the node id is not " + 2 * NodeIdentity.NODE_ID_BYTES + " hex digits");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port is not a number: \"" + portText + "\"");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port is out of range: " + port);
        }
        return new Announcement(network, node, port);
    }

    private static String field(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no \"" + key + "\" line");
        }
        return v;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (announcer != null) {
            announcer.cancel(false);
        }
        for (NetworkInterface ni : interfaces) {
            try {
                socket.leaveGroup(new InetSocketAddress(group, settings.port()), ni);
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket.close();
        try {
            receiver.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Token buckets: one per sending address and one for all, so a flood from one host, or from many forged ones,
     * costs a bounded amount of work.
     */
    static final class RateLimiter {
        private final LongSupplier clock;
        private final TokenBucket global;
        private final Map<String, TokenBucket> perSource = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > MAX_TRACKED_SOURCES;
            }
        };

        RateLimiter(LongSupplier clock) {
            this.clock = clock;
            this.global = new TokenBucket(GLOBAL_BURST, GLOBAL_REFILL_NANOS, clock.getAsLong());
        }

        synchronized boolean admit(String source) {
            long now = clock.getAsLong();
            TokenBucket b = perSource.computeIfAbsent(source, s -> new TokenBucket(PER_SOURCE_BURST, PER_SOURCE_REFILL_NANOS, now));
            if (!b.hasToken(now) || !global.hasToken(now)) {
                return false;
            }
            b.take();
            global.take();
            return true;
        }
    }
}
