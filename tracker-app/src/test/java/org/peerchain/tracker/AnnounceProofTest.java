package org.peerchain.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.p2p.HandshakeRejection;
import org.peerchain.p2p.NodeIdentity;
import org.peerchain.p2p.NodeKey;
import org.peerchain.p2p.ProtocolVersion;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;

/**
 * Issue 18, finding 1, at the tracker: a node is registered only on the proof that it holds the key of the id it
 * announces. Before, any announce was registered under whatever id it named, so a stranger could list itself under
 * the id of a node it wanted to stand in for.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AnnounceProofTest {
    private static final String NET = "regtest";

    @TempDir
    Path dir;
    private Tracker tracker;

    @BeforeEach
    void start() throws IOException {
        tracker = Tracker.start(TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1"));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    private Message send(Message m) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tracker.port())) {
            s.setSoTimeout(5_000);
            new FrameWriter(s.getOutputStream()).write(m);
            return new FrameReader(s.getInputStream(), MessageCatalog.standard()).read();
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void aSignedAnnounceIsRegisteredUnderTheKeysId() throws IOException {
        NodeIdentity node = NodeIdentity.fresh(NET);
        assertInstanceOf(Message.Peers.class, send(node.announce(18_444, now())));
        assertTrue(tracker.registry().snapshot().stream().anyMatch(r -> r.nodeId().equals(node.nodeId())));
    }

    @Test
    void anAnnounceClaimingAnotherNodesIdIsRefusedAndNothingIsRegistered() throws IOException {
        NodeIdentity stranger = NodeIdentity.fresh(NET);
        String victim = NodeKey.generate().nodeId();
        Message.Announce mine = stranger.announce(18_444, now());
        Message.Announce claim = new Message.Announce(NET, 18_444, victim, ProtocolVersion.CURRENT, 0, mine.nodeKey(),
                mine.time(), mine.proof());
        Message.Error e = assertInstanceOf(Message.Error.class, send(claim));
        assertEquals(HandshakeRejection.BAD_PROOF, e.code());
        assertEquals("node id " + victim + " is not the id of the node key it sent", e.message());
        assertEquals(0, tracker.registry().size());
    }

    @Test
    void aProofForAnotherPortOrAnOldTimeIsRefusedSayingWhy() throws IOException {
        NodeIdentity node = NodeIdentity.fresh(NET);
        Message.Announce signed = node.announce(18_444, now());
        Message.Announce moved = new Message.Announce(NET, 18_445, node.nodeId(), ProtocolVersion.CURRENT, 0,
                signed.nodeKey(), signed.time(), signed.proof());
        Message.Error e = assertInstanceOf(Message.Error.class, send(moved));
        assertEquals("the proof is not node " + node.nodeId() + "'s signature of this announce", e.message());
        long old = now() - 3_600;
        Message.Error stale = assertInstanceOf(Message.Error.class, send(node.announce(18_444, old)));
        assertTrue(stale.message().startsWith("the announce's time " + old + " is more than 600 s from the tracker's"),
                stale.message());
        assertEquals(0, tracker.registry().size());
    }

    @Test
    void anAnnounceWithoutAKeyAsAnOlderNodeSendsItIsRefusedForItsProtocol() throws IOException {
        Message.Announce old = new Message.Announce(NET, 18_444, NodeKey.generate().nodeId(), 1, 0, "", 0, "");
        Message.Error e = assertInstanceOf(Message.Error.class, send(old));
        assertEquals("unsupported-version", e.code());
        assertEquals(BigInteger.ZERO.intValue(), tracker.registry().size());
    }
}
