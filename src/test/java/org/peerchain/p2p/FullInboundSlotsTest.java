package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.peerchain.p2p.TestNetwork.address;
import static org.peerchain.p2p.TestNetwork.await;
import static org.peerchain.p2p.TestNetwork.awaitSameTip;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.p2p.wire.Message;

/**
 * A node whose inbound slots are full (security round 2, finding 5): real regtest nodes and scripted peers on
 * loopback, each from its own 127.0.x.y (its own network group). Before, a newcomer was refused however idle the
 * peers holding the slots were; now the least useful inbound peer makes room for it (Bitcoin Core's
 * {@code AttemptToEvictConnection}), and a peer that relays blocks to us is not that one.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FullInboundSlotsTest {
    /** Enough slots that Core's fixed protections (20 peers, then half the rest) leave some to evict. */
    private static final int SLOTS = 30;
    private static final Duration T = TestNetwork.PROPAGATION_TIMEOUT;

    @TempDir
    Path dir;
    private TestNetwork net;
    private final List<ScriptedPeer> idle = new ArrayList<>();

    @AfterEach
    void stop() {
        idle.forEach(ScriptedPeer::close);
        if (net != null) {
            net.close();
        }
    }

    private Node victim() throws Exception {
        net = new TestNetwork(dir);
        return net.start(dir.resolve("victim"), List.of(), List.of(), P2pSettings.forLoopbackTests().withMaxInbound(SLOTS));
    }

    /** A scripted peer from {@code host} that completes the handshake; fails naming the refusal when it is refused. */
    private static ScriptedPeer newcomer(Node victim, String host) throws Exception {
        ScriptedPeer p = ScriptedPeer.connect(victim.p2pPort(), host);
        p.send(p.version(ScriptedPeer.NETWORK, ProtocolVersion.CURRENT));
        Message.Version theirs = p.awaitOrNull(Message.Version.class, Duration.ofSeconds(5));
        if (theirs == null) {
            Message.Error e = p.awaitClosed(Duration.ofSeconds(5));
            p.close();
            fail("the newcomer from " + host + " was refused" + (e == null ? "" : ": " + e.code() + ": " + e.message()));
        }
        p.await(Message.Verack.class);
        p.send(p.verackFor(theirs));
        p.pingPong();
        return p;
    }

    private static boolean connectedTo(Node victim, Node other) {
        return victim.network().peers().stream().anyMatch(i -> i.nodeId().equals(other.network().nodeId()));
    }

    @Test
    void aNewcomerToFullSlotsEvictsAnIdlePeerAndAPeerThatRelaysBlocksIsKept() throws Exception {
        Node victim = victim();
        for (int i = 1; i < SLOTS; i++) {
            idle.add(newcomer(victim, "127.0.8." + i));
        }
        // the honest node connects last: the youngest connection, which would go first if nothing protected it
        Node honest = net.start(dir.resolve("honest"), List.of(), List.of(address(victim)), P2pSettings.forLoopbackTests());
        await("the honest node connected", T, () -> connectedTo(victim, honest));
        assertEquals(SLOTS, victim.network().inboundCount(), "every slot is taken");
        net.mine(honest);
        awaitSameTip(T, victim, honest);

        try (ScriptedPeer late = newcomer(victim, "127.0.9.1")) {
            await("a peer evicted", T, () -> idle.stream().anyMatch(ScriptedPeer::isClosed) || !connectedTo(victim, honest));
            assertTrue(connectedTo(victim, honest), "the peer that relayed a block is kept");
            assertEquals(1, idle.stream().filter(ScriptedPeer::isClosed).count(), "one idle peer evicted");
            ScriptedPeer evicted = idle.stream().filter(ScriptedPeer::isClosed).findFirst().orElseThrow();
            assertEquals(InboundEviction.EVICTED, evicted.awaitClosed(Duration.ofSeconds(5)).code());
            late.pingPong();
            assertEquals(SLOTS, victim.network().inboundCount(), "the newcomer took the evicted peer's slot");
        }
        net.mine(honest);
        awaitSameTip(T, victim, honest);
    }

    @Test
    void aChurnOfNewcomersNeverOverflowsTheSlotsAndTheLongestConnectedPeersStay() throws Exception {
        Node victim = victim();
        for (int i = 1; i <= SLOTS; i++) {
            idle.add(newcomer(victim, "127.0.10." + i));
        }
        List<ScriptedPeer> late = new ArrayList<>();
        List<ScriptedPeer> all = new ArrayList<>(idle);
        try {
            for (int i = 1; i <= 5; i++) {
                ScriptedPeer p = newcomer(victim, "127.0.11." + i);
                late.add(p);
                all.add(p);
                int n = i;
                // the youngest connection goes first: a newcomer is likely the next one evicted, not an old peer
                await(n + " peers evicted", T, () -> all.stream().filter(ScriptedPeer::isClosed).count() == n);
                assertTrue(victim.network().inboundCount() <= SLOTS, "never more inbound peers than slots");
            }
            for (ScriptedPeer p : all) {
                if (p.isClosed()) {
                    assertEquals(InboundEviction.EVICTED, p.awaitClosed(Duration.ofSeconds(5)).code());
                } else {
                    p.pingPong();
                }
            }
            // whatever else is protected, the longest-connected half of the peers no rule protects stays
            int surelyKept = (SLOTS - InboundEviction.PROTECTED_BY_NETWORK_GROUP - InboundEviction.PROTECTED_BY_PING
                    - InboundEviction.PROTECTED_BY_TXS - InboundEviction.PROTECTED_BY_BLOCKS) / 2;
            for (ScriptedPeer p : idle.subList(0, surelyKept)) {
                assertTrue(!p.isClosed(), "one of the " + surelyKept + " longest-connected peers was evicted");
            }
        } finally {
            late.forEach(ScriptedPeer::close);
        }
    }
}
