package org.peerchain.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.NodeIdentity;
import org.peerchain.p2p.NodeKey;
import org.peerchain.p2p.PeerListener;
import org.peerchain.p2p.ProtocolVersion;
import org.peerchain.p2p.TrackerClient;
import org.peerchain.p2p.wire.FrameException;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;
import org.peerchain.p2p.wire.WireCodec;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrackerIntegrationTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final TrackerClient.Settings FAST = new TrackerClient.Settings(Duration.ofMillis(200), Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(5));

    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    private TrackerConfig config() {
        return TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1")
                .withPingInterval(Duration.ofMillis(200)).withPingTimeout(Duration.ofSeconds(1));
    }

    /** A node: its listener plus a tracker client that records every peer it is told about. */
    record Node(NodeIdentity id, PeerListener listener, TrackerClient client, Set<String> seenNodeIds) {
    }

    static Node node(int trackerPort, TrackerClient.Settings settings) throws IOException {
        NodeIdentity id = NodeIdentity.fresh("regtest");
        PeerListener l = PeerListener.start(id, LOOPBACK, 0);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        TrackerClient c = new TrackerClient(List.of(new HostPort("127.0.0.1", trackerPort)), id, l::port,
                peers -> peers.forEach(p -> seen.add(p.nodeId())), settings);
        c.start();
        return new Node(id, l, c, seen);
    }

    private Node startNode(Tracker t) throws IOException {
        Node n = node(t.port(), FAST);
        closing(n.listener());
        closing(n.client());
        return n;
    }

    static void waitFor(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static boolean registered(Tracker t, Node n) {
        return t.registry().snapshot().stream().anyMatch(p -> p.nodeId().equals(n.id().nodeId()));
    }

    @Test
    void twoNodesAnnounceAndEachReceivesTheOther() throws Exception {
        Tracker t = closing(Tracker.start(config()));
        Node a = startNode(t);
        Node b = startNode(t);
        waitFor("each node has seen the other", Duration.ofSeconds(10),
                () -> a.seenNodeIds().contains(b.id().nodeId()) && b.seenNodeIds().contains(a.id().nodeId()));
        assertFalse(a.seenNodeIds().contains(a.id().nodeId()), "a node is never given itself");
        waitFor("both are pinged live", Duration.ofSeconds(10), () -> t.registry().countByState().get(PeerState.LIVE) == 2);
        PeerRecord ra = t.registry().snapshot().stream().filter(p -> p.nodeId().equals(a.id().nodeId())).findFirst().orElseThrow();
        assertEquals("127.0.0.1", ra.key().address(), "the observed address is recorded");
        assertEquals(a.listener().port(), ra.key().port());
        assertTrue(ra.pingRttMicros() > 0);
    }

    @Test
    void aMiningNodesHeightFollowsThroughThePingsWithoutANewAnnounce() throws Exception {
        Tracker t = Tracker.start(config());
        AtomicLong height = new AtomicLong(3);
        NodeIdentity id = new NodeIdentity("regtest", NodeKey.generate(), height::get, () -> BigInteger.ZERO);
        PeerListener l = closing(PeerListener.start(id, LOOPBACK, 0));
        TrackerClient.Settings rarely = new TrackerClient.Settings(Duration.ofHours(1), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        closing(new TrackerClient(List.of(new HostPort("127.0.0.1", t.port())), id, l::port, peers -> { }, rarely)).start();
        PeerKey key = new PeerKey("regtest", "127.0.0.1", l.port());
        waitFor("the node is registered live at height 3", Duration.ofSeconds(10), () -> t.registry().snapshotOf(key)
                .filter(p -> p.state() == PeerState.LIVE && p.height() == 3).isPresent());
        waitFor("the announce is counted (after it is registered)", Duration.ofSeconds(10), () -> t.metrics().announces.sum() == 1);
        try {
            height.set(9);
            waitFor("the registry shows height 9", Duration.ofSeconds(10),
                    () -> t.registry().snapshotOf(key).map(PeerRecord::height).orElse(-1L) == 9);
            assertEquals(1, t.metrics().announces.sum(), "the height came with a ping, not an announce");
        } finally {
            t.close();
        }
        try (Tracker again = Tracker.start(config().withPingInterval(Duration.ofHours(1)))) {
            assertEquals(9, again.registry().snapshotOf(key).orElseThrow().height(), "the pinged height is persisted");
        }
    }

    @Test
    void aKilledNodeDisappearsAfterThePingSchedule() throws Exception {
        Tracker t = closing(Tracker.start(config()));
        Node a = startNode(t);
        Node b = node(t.port(), new TrackerClient.Settings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofSeconds(5)));
        closing(b.client());
        waitFor("both registered and pinged", Duration.ofSeconds(10), () -> registered(t, a) && registered(t, b)
                && t.registry().countByState().get(PeerState.LIVE) == 2);
        b.listener().close(); // crashed: no leave, no answer on its port
        waitFor("the dead node is deleted after failed pings", Duration.ofSeconds(15), () -> !registered(t, b));
        assertTrue(registered(t, a), "the live node stays");
        assertTrue(t.metrics().pingsFailed.sum() >= TrackerConfig.DEFAULT_MAX_PING_FAILURES);
    }

    /**
     * A sweep passes over a new peer whose first probe still runs: a node refuses a second connection from the same
     * node id (the tracker's), and a sweep every few hundred milliseconds would otherwise fail pings of a live node.
     */
    @Test
    void aPeerIsNeverProbedTwiceAtOnce() throws Exception {
        Tracker t = closing(Tracker.start(config().withPingInterval(Duration.ofHours(1))
                .withPingTimeout(Duration.ofSeconds(3))));
        try (ServerSocket slow = new ServerSocket(0, 5, LOOPBACK)) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(slow.accept()); // held open, never answered: a probe in flight
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            NodeIdentity id = NodeIdentity.fresh("regtest");
            TrackerClient c = closing(new TrackerClient(List.of(new HostPort("127.0.0.1", t.port())), id,
                    slow::getLocalPort, peers -> { }, FAST));
            c.start();
            waitFor("the new peer's first probe to connect", Duration.ofSeconds(10), () -> accepted.size() == 1);
            t.sweepNow();
            assertEquals(1, accepted.size(), "the sweep did not dial the peer being probed");
            assertEquals(1, t.metrics().pingsSent.sum());
            slow.close();
            acceptor.join(5_000);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void leaveRemovesTheNodeAtOnce() throws Exception {
        Tracker t = closing(Tracker.start(config().withPingInterval(Duration.ofHours(1))));
        Node a = node(t.port(), FAST);
        closing(a.listener());
        waitFor("registered", Duration.ofSeconds(10), () -> registered(t, a));
        a.client().close();
        waitFor("removed by leave", Duration.ofSeconds(5), () -> !registered(t, a));
        assertEquals(1, t.metrics().leaves.sum());
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAllAnsweredInOrder() throws Exception {
        Tracker t = closing(Tracker.start(config().withPingInterval(Duration.ofHours(1)).withAnnounceRate(1_000, 1_000)));
        for (int i = 0; i < 60; i++) {
            t.registry().announce(new PeerKey("regtest", "10.0.0." + i, 9000), String.format("%032x", i), 1, i, 8);
        }
        int requests = 200;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < requests; i++) {
            all.write(WireCodec.encode(i % 2 == 0 ? new Message.Ping(i) : new Message.GetPeers("regtest")));
        }
        try (Socket s = new Socket(LOOPBACK, t.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(all.toByteArray()); // every request in one write, before any answer is read
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            for (int i = 0; i < requests; i++) {
                Message m = in.read();
                if (i % 2 == 0) {
                    assertEquals(new Message.Pong(i), m, "answer " + i);
                } else {
                    assertEquals(PeerRegistry.MAX_SAMPLE, assertInstanceOf(Message.Peers.class, m, "answer " + i).peers().size());
                }
            }
        }
        assertEquals(requests / 2, t.metrics().getPeers.sum());
    }

    @Test
    void aTrackerRestartKeepsItsRegistryAndBans() throws Exception {
        Tracker first = Tracker.start(config().withPingInterval(Duration.ofHours(1)));
        first.registry().announce(new PeerKey("regtest", "10.1.2.3", 9001), "aabbccddeeff0011", 1, 5, 8);
        first.registry().announce(new PeerKey("test", "10.1.2.4", 9002), "aabbccddeeff0022", 1, 6, 8);
        first.ban("10.9.9.9", "spam");
        String trackerId = first.nodeId();
        first.close();

        Tracker second = closing(Tracker.start(config().withPingInterval(Duration.ofHours(1))));
        assertEquals(2, second.registry().size());
        PeerRecord p = second.registry().snapshotOf(new PeerKey("regtest", "10.1.2.3", 9001)).orElseThrow();
        assertEquals(5, p.height());
        assertEquals("aabbccddeeff0011", p.nodeId());
        assertTrue(second.registry().isBanned("10.9.9.9"));
        assertEquals(trackerId, second.nodeId(), "the tracker keeps its node id");
    }

    @Test
    void aBannedAddressIsRefusedAndAnnouncesAreRateLimited() throws Exception {
        Tracker t = closing(Tracker.start(config().withAnnounceRate(1, 3)));
        try (Socket s = new Socket(LOOPBACK, t.port())) {
            s.setSoTimeout(5_000);
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            Message reply = null;
            for (int i = 0; i < 4; i++) {
                out.write(NodeIdentity.fresh("regtest").announce(40_000 + i, System.currentTimeMillis() / 1000));
                reply = in.read();
                if (reply instanceof Message.Error) {
                    break;
                }
            }
            Message.Error e = assertInstanceOf(Message.Error.class, reply);
            assertEquals(TrackerServer.RATE_LIMITED, e.code());
        }
        t.ban("127.0.0.1", "test");
        try (Socket s = new Socket(LOOPBACK, t.port())) {
            s.setSoTimeout(5_000);
            Message.Error e = assertInstanceOf(Message.Error.class,
                    new FrameReader(s.getInputStream(), MessageCatalog.standard()).read());
            assertEquals(TrackerServer.BANNED, e.code());
        }
        assertEquals(0, t.registry().size(), "the ban removed the address's peers");
    }

    @Test
    void malformedOversizedAndFloodInputsLeaveTheTrackerServingOthers() throws Exception {
        Tracker t = closing(Tracker.start(config().withAnnounceRate(5, 10)));
        // oversized: the length alone gets an error frame and the connection closed
        try (Socket s = new Socket(LOOPBACK, t.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(ByteBuffer.allocate(4).putInt(100_000_000).array());
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            assertEquals(FrameException.FRAME_TOO_LARGE, assertInstanceOf(Message.Error.class, in.read()).code());
            assertEquals(null, in.read(), "closed");
        }
        // malformed JSON
        try (Socket s = new Socket(LOOPBACK, t.port())) {
            s.setSoTimeout(5_000);
            byte[] body = "{\"type\":\"announce\",\"port\":".getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
            Message.Error e = assertInstanceOf(Message.Error.class,
                    new FrameReader(s.getInputStream(), MessageCatalog.standard()).read());
            assertEquals(FrameException.BAD_JSON, e.code());
        }
        // garbage bytes: a length that is really ASCII
        try (Socket s = new Socket(LOOPBACK, t.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertInstanceOf(Message.Error.class, new FrameReader(s.getInputStream(), MessageCatalog.standard()).read());
        }
        // flood: many connections sending announces as fast as they can
        List<Thread> flooders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread f = new Thread(() -> {
                for (int j = 0; j < 200; j++) {
                    try (Socket s = new Socket(LOOPBACK, t.port())) {
                        s.setSoTimeout(2_000);
                        FrameWriter out = new FrameWriter(s.getOutputStream());
                        out.write(NodeIdentity.fresh("regtest").announce(1 + j, System.currentTimeMillis() / 1000));
                        new FrameReader(s.getInputStream(), MessageCatalog.standard()).read();
                    } catch (IOException ignored) {
                        // refused or closed: expected under flood
                    }
                }
            }, "flooder-" + i);
            f.start();
            flooders.add(f);
        }
        for (Thread f : flooders) {
            f.join();
        }
        assertTrue(t.metrics().rateLimited.sum() > 0, "the flood hit the rate limit");
        assertTrue(t.registry().size() <= TrackerConfig.DEFAULT_MAX_PEERS_PER_IP, "the per-address cap held");
        // a well-behaved client from another address is still served
        try (Socket s = new Socket()) {
            s.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
            s.connect(new java.net.InetSocketAddress("127.0.0.1", t.port()), 5_000);
            s.setSoTimeout(5_000);
            new FrameWriter(s.getOutputStream()).write(new Message.GetPeers("regtest"));
            assertInstanceOf(Message.Peers.class, new FrameReader(s.getInputStream(), MessageCatalog.standard()).read());
        }
        assertTrue(t.metricsText().contains("peerchain_tracker_rate_limited_total"));
    }

    @Test
    void statusPortServesPeersJsonAndPrometheusMetrics() throws Exception {
        Tracker t = closing(Tracker.start(config().withStatus("127.0.0.1", 0)));
        Node a = startNode(t);
        waitFor("registered", Duration.ofSeconds(10), () -> registered(t, a));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> peers = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + t.statusPort() + "/peers")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, peers.statusCode());
        assertEquals("application/json", peers.headers().firstValue("Content-Type").orElse(""));
        assertTrue(peers.body().contains("\"nodeId\":\"" + a.id().nodeId() + "\""), peers.body());

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + t.statusPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String text = metrics.body();
        for (String name : List.of("peerchain_tracker_peers_live", "peerchain_tracker_announces_total",
                "peerchain_tracker_pings_sent_total", "peerchain_tracker_pings_failed_total", "peerchain_tracker_bans_total")) {
            assertTrue(text.contains("# HELP " + name + " "), name);
            assertTrue(text.contains("# TYPE " + name + " "), name);
        }
        assertPrometheusNamingHolds(text);
    }

    /** The rules of promtool's metric lint ({@link PromLint}). */
    static void assertPrometheusNamingHolds(String text) {
        assertEquals(List.of(), PromLint.problems(text), text);
    }
}
