package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.peerchain.core.Hash;

/**
 * Every P2P message type, decoded and handled by a real node as if it came from a peer (Bitcoin Core's
 * {@code process_message}): a regtest node with a mature chain, started once per JVM, and a scripted peer on a
 * real socket that sends the frames {@link FuzzedMessages} builds, then a ping. The only acceptable outcomes are
 * that the messages are handled, ignored, answered or penalised, or the peer is disconnected (it then connects
 * again, its ban cleared). A finding is: an exception no one caught or any warning on the node's threads, no
 * pong within {@link #ROUND_TRIP_BOUND_MILLIS} on an open connection (a hang), a refused reconnect, a tip that
 * moved to a block the peer did not send, or an RPC block count that disagrees with the chain. Replayed from
 * {@code PeerMessageFuzzTestInputs/} by {@code mvn verify}; fuzzed as in docs/FUZZ-P2P.md.
 */
class PeerMessageFuzzTest {
    static final int ROUND_TRIP_BOUND_MILLIS = 15_000;
    /** Inputs between two honest RPC calls (each costs an HTTP round trip). */
    static final int RPC_CHECK_INTERVAL = 100;

    private static FuzzedNode target;
    private static FuzzScriptedPeer peer;
    private static long inputs;
    /** Every block sent that decodes: a connection dropped by a timer may still be handling one when the next input starts. */
    private static final Set<Hash> blocksSent = new HashSet<>();

    /**
     * Started at the first input rather than in {@code @BeforeAll}: Jazzer's agent (its instrumentation and bug
     * detectors) is installed only when the first input runs.
     */
    private static void startNodeOnce() throws Exception {
        if (target != null) {
            return;
        }
        target = FuzzedNode.start();
        peer = new FuzzScriptedPeer(target.node.params().networkId(), target.node.p2pPort(), ROUND_TRIP_BOUND_MILLIS);
    }

    @AfterAll
    static void stopNode() throws IOException {
        if (peer != null) {
            peer.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @FuzzTest
    void everyPeerMessageIsHandledIgnoredAnsweredOrPunished(FuzzedDataProvider data) throws Exception {
        // the harness and the node talk over loopback only (Jazzer's SSRF detector flags anything else); the
        // permission holds for the fuzzing thread, which need not be the one that ran the first input
        try (SilentCloseable loopbackOnly = BugDetectors.allowNetworkConnections(PeerMessageFuzzTest::isLoopback)) {
            startNodeOnce();
            handleOneInput(data);
        }
    }

    private static boolean isLoopback(String host, int port) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("0.0.0.0");
    }

    private static void handleOneInput(FuzzedDataProvider data) throws Exception {
        if (!peer.isConnected()) {
            target.node.network().clearBans();
            peer.connect();
        }
        Hash tipBefore = target.node.chain().tip().hash();
        FuzzedMessages messages = new FuzzedMessages(target, data);
        byte[][] frames = messages.frames();
        FuzzScriptedPeer.Outcome outcome;
        try {
            outcome = peer.sendAndRoundTrip(frames);
        } catch (IOException e) {
            fail(e.getMessage() + " (sent " + messages.description + ")");
            return;
        }
        if (outcome == FuzzScriptedPeer.Outcome.DISCONNECTED) {
            // the node may disconnect and ban: it must take the peer back once the ban is cleared
            target.node.network().clearBans();
            peer.connect();
        }
        List<String> findings = target.takeFindings();
        assertTrue(findings.isEmpty(), () -> "after " + messages.description + ":\n" + String.join("\n", findings));
        blocksSent.addAll(messages.blocksSent);
        Hash tipAfter = target.node.chain().tip().hash();
        assertTrue(tipAfter.equals(tipBefore) || blocksSent.contains(tipAfter),
                () -> "the tip moved to " + tipAfter + ", a block the peer did not send (sent " + messages.description + ")");
        if (inputs++ % RPC_CHECK_INTERVAL == 0) {
            assertEquals(target.node.chain().tip().height(), target.rpcBlockCount(), "an honest RPC client sees the tip");
        }
    }
}
