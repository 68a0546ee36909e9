package org.peerchain.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.p2p.ProtocolVersion;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;

/**
 * Security round 2, finding 10: registrations are capped per IPv6 /64 and in all, refused with an error naming the
 * cap, and the registrations already held are kept. A real tracker on an ephemeral port, announces over TCP.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RegistrationCapsTest {
    private static final String NET = "regtest";
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    /** Listen ports nothing listens on: the tracker's first probe of each fails, which removes nobody. */
    private static final int FIRST_PORT = 20_000;

    @TempDir
    Path dir;
    private Tracker tracker;

    @AfterEach
    void close() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** The per-address cap and the request rate lifted, as a load test from one machine lifts them (TRACKER.md). */
    private Tracker start(String bind) throws IOException {
        tracker = Tracker.start(TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress(bind)
                .withPingInterval(Duration.ofHours(1)).withMaxPeersPerIp(1_000_000).withAnnounceRate(1e9, 1_000_000_000));
        return tracker;
    }

    /** One connection from {@code from} to the tracker, sending announces and reading their answers. */
    private record Client(Socket socket, FrameWriter out, FrameReader in) implements AutoCloseable {
        static Client connect(InetAddress from, InetAddress to, int port) throws IOException {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(to, port), SOCKET_TIMEOUT_MILLIS);
            s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            return new Client(s, new FrameWriter(s.getOutputStream()), new FrameReader(s.getInputStream(), MessageCatalog.standard()));
        }

        Message announce(int port) throws IOException {
            out.write(org.peerchain.p2p.NodeIdentity.fresh(NET).announce(port, System.currentTimeMillis() / 1000));
            return in.read();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String nodeId(int port) {
        return String.format("%032x", port);
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return s.getInetAddress() instanceof Inet6Address;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void oneIpv6Slash64RegistersAtMostItsCapAndKeepsWhatItHas() throws Exception {
        Assumptions.assumeTrue(ipv6LoopbackWorks(), "this machine has no IPv6 loopback");
        InetAddress v6 = InetAddress.getByName("::1");
        start("::1");
        int cap = PeerRegistry.MAX_PEERS_PER_IPV6_64;
        try (Client c = Client.connect(v6, v6, tracker.port())) {
            for (int i = 0; i < cap; i++) {
                assertInstanceOf(Message.Peers.class, c.announce(FIRST_PORT + i), "registration " + (i + 1));
            }
            Message over = c.announce(FIRST_PORT + cap);
            Message.Error e = assertInstanceOf(Message.Error.class, over, "registration " + (cap + 1) + " from one /64");
            assertEquals(TrackerServer.TOO_MANY_REGISTRATIONS, e.code());
            assertTrue(e.message().contains("0:0:0:0::/64") && e.message().contains(Integer.toString(cap)), e.message());
            assertEquals(cap, tracker.registry().size());
            assertInstanceOf(Message.Peers.class, c.announce(FIRST_PORT), "a registered peer still re-announces");
        }
        assertEquals(cap, tracker.registry().size(), "nothing already registered is dropped");
    }

    @Test
    void theTrackerHoldsAtMostItsOverallCapAndKeepsWhatItHas() throws Exception {
        start("127.0.0.1");
        int cap = PeerRegistry.MAX_REGISTRATIONS;
        for (int i = 0; i < cap - 1; i++) {
            String address = "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
            tracker.registry().announce(new PeerKey(NET, address, 8333), nodeId(i), ProtocolVersion.CURRENT, 1, 8);
        }
        assertEquals(cap - 1, tracker.registry().size());
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (Client c = Client.connect(lo, lo, tracker.port())) {
            assertInstanceOf(Message.Peers.class, c.announce(FIRST_PORT), "the last free place is taken");
            Message.Error e = assertInstanceOf(Message.Error.class, c.announce(FIRST_PORT + 1), "one over the cap");
            assertEquals(TrackerServer.TOO_MANY_REGISTRATIONS, e.code());
            assertTrue(e.message().contains(Integer.toString(cap)), e.message());
            assertInstanceOf(Message.Peers.class, c.announce(FIRST_PORT), "a registered peer still re-announces");
        }
        assertEquals(cap, tracker.registry().size(), "nothing already registered is dropped");
    }
}
