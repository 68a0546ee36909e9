package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.KeyHash;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.p2p.LocalDiscovery;
import org.peerchain.p2p.P2pSettings;
import org.peerchain.p2p.PeerInfo;
import org.peerchain.p2p.PeerNetwork;
import org.peerchain.p2p.PeerOrigin;

/**
 * Two nodes on one machine, with different data directories and neither a tracker nor a peer given, find each other
 * by local network discovery and agree on one tip. Each test multicasts on a UDP port of its own, so it hears no
 * other test's nodes. Where multicast does not come back over this machine's loopback interface (some sandboxes),
 * the tests are skipped and say so.
 */
@Timeout(90)
class LocalDiscoveryNodesTest {
    /** The promise: two wallets on one machine find each other within 10 seconds. */
    private static final Duration FIND_WITHIN = Duration.ofSeconds(10);
    private static final Duration SYNC_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private int udpPort;

    @BeforeEach
    void multicastMustWorkHere() throws IOException {
        udpPort = freeUdpPort();
        String why = multicastProblem(udpPort);
        Assumptions.assumeTrue(why == null,
                () -> "skipped: multicast does not come back over this machine's loopback interface (" + why + ")");
    }

    private NodeConfig discovering(String name, int rpcPort) {
        P2pSettings p2p = P2pSettings.forLoopbackTests()
                .withLocalDiscovery(LocalDiscovery.Settings.defaults().withPort(udpPort));
        return NodeConfig.regtest(dir.resolve(name)).withRpcPort(rpcPort).withP2pPort(0)
                .withPeers(new PeerOptions(List.of(), List.of(), p2p));
    }

    @Test
    void twoNodesGivenNoAddressFindEachOtherAndAgreeOnOneTip() throws Exception {
        String address = new Address(ChainParams.REGTEST.addressPrefix(),
                KeyHash.of(Ed25519Keys.generate(new SecureRandom()).publicKey())).encode();
        try (Node a = Node.start(discovering("a", 0))) {
            RpcClient rpc = RpcClient.forDataDir(dir.resolve("a"));
            rpc.call("generatetoaddress", new JsonPrimitive(12), new JsonPrimitive(address));
            assertEquals(12, a.chain().tip().height());
            try (Node b = Node.start(discovering("b", NodeConfig.OFF))) {
                long started = System.nanoTime();
                await("b to find a on the local network", FIND_WITHIN, () -> connected(a, b) && connected(b, a));
                long foundMillis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(origins(a, b).contains(PeerOrigin.LOCAL_NETWORK) || origins(b, a).contains(
                        PeerOrigin.LOCAL_NETWORK), "one of them dialled an address heard by discovery");
                await("b to reach a's tip", SYNC_WITHIN, () -> b.chain().tip().hash().equals(a.chain().tip().hash()));
                PeerNetwork.DiscoveryStatus status = b.network().discoveryStatus();
                assertTrue(status.running(), "discovery runs: " + status);
                assertTrue(status.nodesHeard() >= 1, "b heard a: " + status);
                System.out.printf("found by discovery in %d ms%n", foundMillis);

                // a block found after they met travels too
                rpc.call("generatetoaddress", new JsonPrimitive(1), new JsonPrimitive(address));
                await("b to take a's new block", SYNC_WITHIN, () -> b.chain().tip().height() == 13);
            }
        }
    }

    @Test
    void aMalformedDatagramOrOneFromAnotherNetworkIsDroppedAndTheNodeGoesOn() throws Exception {
        try (Node a = Node.start(discovering("a", NodeConfig.OFF))) {
            InetAddress group = InetAddress.getByName(LocalDiscovery.DEFAULT_GROUP);
            String stranger = "PEERCHAIN-HELLO 1\nnetwork: peerchain-main\nnode: 00112233445566778899aabbccddeeff\n"
                    + "port: 8633\n";
            try (MulticastSocket s = new MulticastSocket()) {
                s.setNetworkInterface(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
                s.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                for (String text : List.of("hello\u0000\u00ff garbage", stranger)) {
                    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
                    s.send(new DatagramPacket(b, b.length, group, udpPort));
                }
            }
            await("the garbage to be counted", FIND_WITHIN,
                    () -> a.network().discoveryStatus().counts().refused() >= 1);
            PeerNetwork.DiscoveryStatus status = a.network().discoveryStatus();
            assertEquals(0, status.nodesHeard(), "a node of another network is not a candidate: " + status);
            assertEquals(0, a.network().peers().size());
            assertTrue(status.running(), "discovery still runs after bad datagrams: " + status);
        }
    }

    @Test
    void withDiscoveryOffTheNodeNeitherAnnouncesNorListens() throws Exception {
        try (Node a = Node.start(NodeConfig.regtest(dir.resolve("off")).withRpcPort(NodeConfig.OFF).withP2pPort(0)
                .withPeers(new PeerOptions(List.of(), List.of(), P2pSettings.forLoopbackTests())))) {
            assertEquals(null, a.network().discoveryStatus(), "off: no status");
        }
        assertEquals(false, PeerOptions.discoversByDefault(ChainParams.REGTEST));
        assertEquals(true, PeerOptions.discoversByDefault(ChainParams.MAIN));
        assertEquals(true, PeerOptions.parse(List.of(), List.of(), false, ChainParams.TEST).settings().localDiscovery()
                .enabled());
        assertEquals(false, PeerOptions.parse(List.of(), List.of(), false, false, ChainParams.MAIN).settings()
                .localDiscovery().enabled(), "--no-discover");
        assertEquals(true, PeerOptions.parse(List.of(), List.of(), false, true, ChainParams.REGTEST).settings()
                .localDiscovery().enabled(), "--discover");
    }

    private static boolean connected(Node from, Node to) {
        return from.network().peers().stream().anyMatch(p -> p.nodeId().equals(to.network().nodeId()));
    }

    private static List<PeerOrigin> origins(Node from, Node to) {
        return from.network().peers().stream().filter(p -> p.nodeId().equals(to.network().nodeId()))
                .map(PeerInfo::origin).toList();
    }

    private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Null when a datagram sent to the group over loopback comes back to a socket joined there; else why not. */
    private static String multicastProblem(int port) {
        try (MulticastSocket s = new MulticastSocket(null)) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            if (lo == null) {
                return "no loopback interface";
            }
            InetAddress group = InetAddress.getByName(LocalDiscovery.DEFAULT_GROUP);
            s.joinGroup(new InetSocketAddress(group, port), lo);
            s.setNetworkInterface(lo);
            s.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            s.setSoTimeout(2_000);
            byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(probe, probe.length, group, port));
            DatagramPacket in = new DatagramPacket(new byte[16], 16);
            s.receive(in);
            s.leaveGroup(new InetSocketAddress(group, port), lo);
            return null;
        } catch (SocketTimeoutException e) {
            return "a datagram sent to the group did not come back in 2 s";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
