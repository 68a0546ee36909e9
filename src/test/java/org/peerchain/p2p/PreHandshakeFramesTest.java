package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.p2p.wire.FrameException;
import org.peerchain.p2p.wire.Message;

/**
 * What a stranger can make a node do before it has said who it is (security round 2, finding 5): a real regtest node
 * with the settings a node runs with, strangers on real sockets from their own loopback addresses. A stranger gets
 * about ten seconds to finish the handshake, and nothing but the handshake's small messages is read before it: a
 * frame of another type or over its type's limit is refused from its first bytes, its body never read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PreHandshakeFramesTest {
    /** A block frame near the limit of a block message (about 2 MiB). */
    private static final int BLOCK_FRAME_BYTES = 2_000_000;
    /** How much of a big frame a stranger sends: its head, well past the type. */
    private static final int SENT_BYTES = 1_024;
    /** Long enough for a refusal made on the spot; far shorter than any handshake time-out. */
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @TempDir
    static Path dir;
    static Node node;
    private static final AtomicInteger nextAddress = new AtomicInteger(1);

    @BeforeAll
    static void startANodeWithTheStandardSettings() throws Exception {
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF).withP2pPort(0));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static ScriptedPeer stranger() throws Exception {
        return ScriptedPeer.connect(node.p2pPort(), "127.0.7." + nextAddress.getAndIncrement());
    }

    /** The 4-byte length {@code declared} and the first {@code sent} bytes of a body starting with {@code head}. */
    private static byte[] headOfFrame(int declared, String head, int sent) {
        byte[] body = new byte[sent];
        java.util.Arrays.fill(body, (byte) '0');
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(h, 0, body, 0, h.length);
        return ByteBuffer.allocate(4 + sent).putInt(declared).put(body).array();
    }

    /** The error a stranger gets for a frame of {@link #BLOCK_FRAME_BYTES} of which only the head is sent. */
    private Message.Error refusedForTheHeadOf(String head) throws Exception {
        try (ScriptedPeer p = stranger()) {
            p.sendRaw(headOfFrame(BLOCK_FRAME_BYTES, head, SENT_BYTES));
            // the rest of the 2 MB is never sent: a node that waits for it answers nothing until its time-out
            Message.Error e = p.awaitClosed(PROMPTLY);
            assertNotNull(e, "an error frame before the close");
            return e;
        }
    }

    @Test
    void aStrangerThatSaysNothingIsDroppedAfterAboutTenSeconds() throws Exception {
        try (ScriptedPeer p = stranger()) {
            long start = System.nanoTime();
            Message.Error e = p.awaitClosed(Duration.ofSeconds(15));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertNotNull(e, "an error frame before the close");
            assertEquals(HandshakeRejection.HANDSHAKE_TIMEOUT, e.code());
            assertTrue(millis >= 9_000 && millis < 12_000, "dropped after " + millis + " ms");
        }
    }

    @Test
    void aBlockFrameBeforeVersionIsRefusedFromItsTypeWithoutItsBodyBeingRead() throws Exception {
        Message.Error e = refusedForTheHeadOf("{\"type\":\"block\",\"data\":\"");
        assertEquals(HandshakeRejection.HANDSHAKE_REQUIRED, e.code());
        assertTrue(e.message().contains("\"block\""), e.message());
    }

    @Test
    void aFrameOfAnUnknownTypeBeforeVersionIsRefusedWithoutItsBodyBeingRead() throws Exception {
        assertEquals(HandshakeRejection.HANDSHAKE_REQUIRED, refusedForTheHeadOf("{\"type\":\"junk\",\"data\":\"").code());
    }

    @Test
    void aVersionFrameOverItsLimitIsRefusedFromItsLength() throws Exception {
        assertEquals(FrameException.MESSAGE_TOO_LARGE,
                refusedForTheHeadOf("{\"type\":\"version\",\"network\":\"").code());
    }

    @Test
    void aPeerThatSaysWhoItIsIsServedTheWholeProtocol() throws Exception {
        try (ScriptedPeer p = ScriptedPeer.handshaken(node.p2pPort(), "127.0.7." + nextAddress.getAndIncrement())) {
            p.pingPong();
            p.send(new org.peerchain.p2p.wire.PeerMessages.GetHeaders(
                    java.util.List.of(node.chain().tip().hash()), org.peerchain.core.Hash.ZERO));
            assertTrue(p.await(org.peerchain.p2p.wire.PeerMessages.Headers.class).headers().isEmpty(),
                    "a peer message is read once the handshake is done");
        }
    }
}
