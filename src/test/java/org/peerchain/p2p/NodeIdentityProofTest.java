package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.p2p.TestNetwork.address;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.p2p.wire.Message;

/**
 * Issue 18, finding 1: node ids are keys. A stranger that claims the id of one of our outbound peers (ids are public:
 * trackers hand them out) used to make us drop the real peer; now it must prove the id's key in the handshake, and a
 * new connection never displaces an existing one on a claim.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NodeIdentityProofTest {
    static final Duration T = TestNetwork.PROPAGATION_TIMEOUT;

    @TempDir
    Path dir;

    @Test
    void aStrangerClaimingTheIdOfOurOutboundPeerDoesNotDisplaceIt() throws Exception {
        try (TestNetwork net = new TestNetwork(dir)) {
            Node a = net.start(dir.resolve("a"), List.of(), List.of(), P2pSettings.forLoopbackTests());
            Node b = net.start(dir.resolve("b"), List.of(), List.of(), P2pSettings.forLoopbackTests());
            // The old rule kept the connection opened by the smaller id: the target is the node whose outbound peer
            // has the smaller id, the only side where a claim could displace.
            boolean aSmaller = a.network().nodeId().compareTo(b.network().nodeId()) < 0;
            Node target = aSmaller ? b : a;
            Node outboundPeer = aSmaller ? a : b;
            String claimed = outboundPeer.network().nodeId();
            target.network().addNode(address(outboundPeer), PeerNetwork.AddNode.ADD);
            TestNetwork.await("the target to connect out to its peer", T, () -> connectionTo(target, claimed).isPresent());
            long before = connectionTo(target, claimed).orElseThrow().id();

            try (ScriptedPeer stranger = ScriptedPeer.connect(target.p2pPort(), "127.0.0.77")) {
                stranger.send(new Message.Version(ScriptedPeer.NETWORK, ProtocolVersion.CURRENT, claimed, 0, 0,
                        BigInteger.ZERO, stranger.identity.key().publicKeyHex(), stranger.challenge));
                Message.Version theirs = stranger.await(Message.Version.class);
                stranger.await(Message.Verack.class);
                stranger.send(stranger.verackFor(theirs));
                try {
                    stranger.send(new Message.Ping(1));
                } catch (java.io.IOException closedAlready) {
                    // the node has hung up
                }
                TestNetwork.await("the node to settle the stranger's handshake", T,
                        () -> stranger.isClosed() || stranger.receivedAny(Message.Pong.class));
                assertEquals(HandshakeRejection.BAD_PROOF, stranger.awaitClosedWithError().code(),
                        "the stranger is refused for not proving the id it claims");
            }
            Optional<PeerInfo> after = connectionTo(target, claimed);
            assertTrue(after.isPresent() && after.get().id() == before,
                    "the connection to the real peer was replaced or dropped: " + target.network().peers());
        }
    }

    /**
     * Two nodes holding one key (a data directory copied with its node.key) are one node to their peers, which keep a
     * single connection. The second address used to be dialed, handshaken and dropped at every turn of the connection
     * keeper (every 200 ms here); it now waits the failure backoff, doubling from twice the connect interval.
     */
    @Test
    void aSecondNodeWithTheSameKeyIsRedialedAfterABackoffNotAtEveryTurn() throws Exception {
        try (TestNetwork net = new TestNetwork(dir)) {
            P2pSettings settings = P2pSettings.forLoopbackTests().withDiscovery(false);
            Node original = net.start(dir.resolve("a"), List.of(), List.of(), settings);
            Node clone = net.start(copyWithKey(dir.resolve("a"), dir.resolve("a-copy")), List.of(), List.of(), settings);
            assertEquals(original.network().nodeId(), clone.network().nodeId());
            Node dialer = net.start(dir.resolve("c"), List.of(), List.of(), settings);
            List<Long> handshakes = handshakesWith(clone, dialer.network().nodeId(), true);

            dialer.network().addNode(address(original), PeerNetwork.AddNode.ADD);
            long kept = awaitConnection(dialer, original.network().nodeId());
            dialer.network().addNode(address(clone), PeerNetwork.AddNode.ADD);
            assertBackedOff(handshakes, settings);
            assertEquals(List.of(kept), idsOfConnectionsTo(dialer, original.network().nodeId()),
                    "the dialer keeps its one connection to the key's node");
        }
    }

    /**
     * The other side of it: the clone dials a node that already has a connection to the key and keeps that one. The
     * node now says {@code already-connected} as it drops the clone, and the clone waits its backoff; it used to see
     * the connection closed and dial again at every turn.
     */
    @Test
    void aNodeToldItsKeyIsAlreadyConnectedWaitsBeforeDialingAgain() throws Exception {
        Path a = dir.resolve("a");
        Path c = dir.resolve("c");
        Files.createDirectories(a);
        Files.createDirectories(c);
        String originalId = NodeKey.loadOrCreate(a.resolve(NodeKey.FILE_NAME)).nodeId();
        // The dialer drops the clone's connection, rather than its own to the original, when its id is the smaller.
        String dialerId;
        do {
            Files.deleteIfExists(c.resolve(NodeKey.FILE_NAME));
            dialerId = NodeKey.loadOrCreate(c.resolve(NodeKey.FILE_NAME)).nodeId();
        } while (dialerId.compareTo(originalId) >= 0);
        try (TestNetwork net = new TestNetwork(dir)) {
            P2pSettings settings = P2pSettings.forLoopbackTests().withDiscovery(false);
            Node original = net.start(a, List.of(), List.of(), settings);
            Node clone = net.start(copyWithKey(a, dir.resolve("a-copy")), List.of(), List.of(), settings);
            Node dialer = net.start(c, List.of(), List.of(), settings);
            List<Long> handshakes = handshakesWith(clone, dialerId, false);

            dialer.network().addNode(address(original), PeerNetwork.AddNode.ADD);
            long kept = awaitConnection(dialer, originalId);
            clone.network().addNode(address(dialer), PeerNetwork.AddNode.ADD);
            assertBackedOff(handshakes, settings);
            assertEquals(List.of(kept), idsOfConnectionsTo(dialer, originalId), "the dialer keeps its connection");
        }
    }

    private static Path copyWithKey(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve(NodeKey.FILE_NAME), to.resolve(NodeKey.FILE_NAME));
        return to;
    }

    /** When {@code n} completed a handshake with node {@code otherId}, in the direction given ({@link System#nanoTime}). */
    private static List<Long> handshakesWith(Node n, String otherId, boolean inbound) {
        List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
        n.events().subscribe(NetworkEvent.PeerConnected.class, e -> {
            if (e.peer().nodeId().equals(otherId) && e.peer().inbound() == inbound) {
                times.add(System.nanoTime());
            }
        });
        return times;
    }

    private static long awaitConnection(Node n, String nodeId) throws InterruptedException {
        TestNetwork.await("a connection to node " + nodeId, T, () -> connectionTo(n, nodeId).isPresent());
        return connectionTo(n, nodeId).orElseThrow().id();
    }

    /** The third handshake came at least three connect intervals after the second (the backoff after two is four). */
    private static void assertBackedOff(List<Long> handshakes, P2pSettings settings) throws InterruptedException {
        TestNetwork.await("three handshakes", T, () -> handshakes.size() >= 3);
        long interval = settings.connectInterval().toNanos();
        long gap = handshakes.get(2) - handshakes.get(1);
        assertTrue(gap >= 3 * interval, "dialed again after " + gap / 1_000_000 + " ms; the connect interval is "
                + interval / 1_000_000 + " ms");
    }

    private static List<Long> idsOfConnectionsTo(Node n, String nodeId) {
        return n.network().peers().stream().filter(p -> p.nodeId().equals(nodeId)).map(PeerInfo::id).toList();
    }

    @Test
    void aNodeKeepsItsIdAcrossRestartsInAKeyFileOnlyItsOwnerCanRead() throws Exception {
        String id;
        Path data = dir.resolve("n");
        try (TestNetwork net = new TestNetwork(dir)) {
            id = net.start(data, List.of(), List.of(), P2pSettings.forLoopbackTests()).network().nodeId();
        }
        try (TestNetwork net = new TestNetwork(dir)) {
            assertEquals(id, net.start(data, List.of(), List.of(), P2pSettings.forLoopbackTests()).network().nodeId());
        }
        Path key = data.resolve(NodeKey.FILE_NAME);
        assertEquals(id, NodeKey.loadOrCreate(key).nodeId(), "the id is the key's");
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        }
    }

    @Test
    void aDamagedKeyFileIsNamedAndNotReplaced() throws Exception {
        Path key = dir.resolve(NodeKey.FILE_NAME);
        Files.writeString(key, "not a key\n");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> NodeKey.loadOrCreate(key));
        assertTrue(e.getMessage().startsWith(key + " does not hold a node key"), e.getMessage());
        assertEquals("not a key\n", Files.readString(key), "nothing stored is lost");
    }

    private static Optional<PeerInfo> connectionTo(Node n, String nodeId) {
        return n.network().peers().stream().filter(p -> p.nodeId().equals(nodeId)).findFirst();
    }
}
