package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.KeyHash;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.P2pSettings;

/**
 * A node hosting a tracker ({@code --host-tracker}) is found by others given only that tracker's address, and when it
 * quits they keep one another and their chain: the network no longer dies with its tracker.
 */
@Timeout(120)
class HostedTrackerTest {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private final String address = new Address(ChainParams.REGTEST.addressPrefix(),
            KeyHash.of(Ed25519Keys.generate(new SecureRandom()).publicKey())).encode();

    @TempDir
    Path dir;

    private NodeConfig node(String name, int rpcPort, List<HostPort> trackers) {
        return NodeConfig.regtest(dir.resolve(name)).withRpcPort(rpcPort).withP2pPort(0)
                .withPeers(new PeerOptions(trackers, List.of(), P2pSettings.forLoopbackTests()));
    }

    @Test
    void nodesGivenOnlyTheHostedTrackerMeetAndOutliveIt() throws Exception {
        Node host = Node.start(node("host", 0, List.of()).withHostTracker(0));
        try {
            int trackerPort = host.hostedTrackerPort();
            assertTrue(trackerPort > 0, "the hosted tracker listens: " + trackerPort);
            assertTrue(Files.readString(dir.resolve("host").resolve(PortsFile.FILE_NAME)).contains("\"tracker\":"
                    + trackerPort), "ports.json names the tracker's port");
            RpcClient hostRpc = RpcClient.forDataDir(dir.resolve("host"));
            hostRpc.call("generatetoaddress", new JsonPrimitive(6), new JsonPrimitive(address));
            List<HostPort> onlyTheTracker = List.of(new HostPort("127.0.0.1", trackerPort));
            try (Node b = Node.start(node("b", NodeConfig.OFF, onlyTheTracker));
                    Node c = Node.start(node("c", 0, onlyTheTracker))) {
                await("b and c to find each other and the host through the hosted tracker",
                        () -> connected(b, c) && connected(c, b) && connected(b, host) && connected(c, host));
                await("b and c to reach the host's tip", () -> b.chain().tip().height() == 6
                        && c.chain().tip().height() == 6);

                host.close();
                await("the host to be gone", () -> !connected(b, host) && !connected(c, host));
                assertTrue(connected(b, c) && connected(c, b), "b and c keep each other without the tracker");
                assertEquals(6, b.chain().tip().height(), "b keeps its chain");

                RpcClient.forDataDir(dir.resolve("c")).call("generatetoaddress", new JsonPrimitive(1),
                        new JsonPrimitive(address));
                await("c's new block to reach b", () -> b.chain().tip().height() == 7);
                assertEquals(c.chain().tip().hash(), b.chain().tip().hash());
            }
        } finally {
            host.close();
        }
    }

    @Test
    void aTrackerPortInUseIsRefusedInWordsAndNothingIsLeftRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            NodeStartException e = assertThrows(NodeStartException.class,
                    () -> Node.start(node("busy", NodeConfig.OFF, List.of()).withHostTracker(taken.getLocalPort())));
            assertTrue(e.getMessage().contains("tracker port " + taken.getLocalPort() + " is in use"), e.getMessage());
            assertTrue(e.getMessage().contains("--host-tracker"), e.getMessage());
        }
        // the data directory is free again: the same node starts without the tracker
        try (Node again = Node.start(node("busy", NodeConfig.OFF, List.of()))) {
            assertEquals(NodeConfig.OFF, again.hostedTrackerPort());
        }
    }

    private static boolean connected(Node from, Node to) {
        if (to.network() == null) {
            return false;
        }
        String id = to.network().nodeId();
        return from.network().peers().stream().anyMatch(p -> p.nodeId().equals(id));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
