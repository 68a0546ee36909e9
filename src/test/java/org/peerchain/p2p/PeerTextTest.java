package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.PeerMessages;
import org.slf4j.LoggerFactory;

/**
 * Security round 2, finding 11 (peer text in logs): a peer's error message was logged as sent, so a line break and a
 * made-up timestamp forged a log line of the node's own, and terminal escapes reached whoever tailed the log. The
 * second test failed on that code.
 */
@Timeout(60)
class PeerTextTest {
    private static final String FORGERY = "bye\n12:00:00.000 WARN  [main] Wallet - wallet file deleted\u001b[2J";

    @TempDir
    Path dir;

    @Test
    void controlCharactersBecomeVisibleEscapesAndLongTextIsCut() {
        assertEquals("bye\\u000a12:00 \\u001b[2J \\u0085", PeerText.safe("bye\n12:00 \u001b[2J \u0085"));
        assertEquals("plain words, accents: é", PeerText.safe("plain words, accents: é"));
        assertEquals("", PeerText.safe(null));
        String cut = PeerText.safe("x".repeat(10_000));
        assertTrue(cut.startsWith("x".repeat(PeerText.MAX_CHARS)) && cut.endsWith("... (10000 characters)"), cut);
    }

    @Test
    void aPeersErrorMessageCannotForgeALogLine() throws Exception {
        Logger networkLog = (Logger) LoggerFactory.getLogger(PeerNetwork.class);
        Level before = networkLog.getLevel();
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        networkLog.addAppender(seen);
        networkLog.setLevel(Level.INFO);
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF).withP2pPort(0)
                .withPeers(new PeerOptions(List.of(), List.of(), P2pSettings.forLoopbackTests())));
                Socket s = new Socket("127.0.0.1", node.p2pPort())) {
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream(), PeerMessages.catalog());
            RawHandshake.run(in, out, NodeIdentity.fresh(node.params().networkId()));
            out.write(new Message.Error("odd\ncode", FORGERY));
            TestNetwork.await("the error logged", TestNetwork.PROPAGATION_TIMEOUT, () -> logged(seen).stream()
                    .anyMatch(m -> m.contains("reports an error")));
            String line = logged(seen).stream().filter(m -> m.contains("reports an error")).findFirst().orElseThrow();
            assertFalse(line.contains("\n") || line.contains("\u001b"), "a raw line break or escape: " + line);
            assertTrue(line.contains("odd\\u000acode: bye\\u000a12:00:00.000 WARN"), line);
        } finally {
            networkLog.detachAppender(seen);
            networkLog.setLevel(before);
        }
    }

    /**
     * What the appender holds so far. The node's threads append while the test reads: logback appends under the
     * appender's lock, so the list is copied under it.
     */
    private static List<String> logged(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
