package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.KeyHash;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.node.PeerOptions;

/** Real regtest nodes on loopback in a temporary directory, for the network's integration tests. */
final class TestNetwork implements AutoCloseable {
    static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_NONCE_TRIES = 10_000_000;
    private static final AtomicLong EXTRA_NONCE = new AtomicLong();

    final Ed25519Keys.KeyPair key = Ed25519Keys.generate(new SecureRandom());
    final KeyHash payTo = KeyHash.of(key.publicKey());
    private final Path root;
    private final List<Node> nodes = new ArrayList<>();
    private int next;

    TestNetwork(Path root) {
        this.root = root;
    }

    Node start(List<HostPort> trackers, List<HostPort> connect) throws NodeStartException {
        return start(root.resolve("node" + next++), trackers, connect, P2pSettings.forLoopbackTests());
    }

    Node start(Path dir, List<HostPort> trackers, List<HostPort> connect, P2pSettings settings) throws NodeStartException {
        Node n = Node.start(new NodeConfig(ChainParams.REGTEST, dir, NodeConfig.OFF, 0,
                new PeerOptions(trackers, connect, settings)));
        nodes.add(n);
        return n;
    }

    static HostPort address(Node n) {
        return new HostPort("127.0.0.1", n.p2pPort());
    }

    /** Mines one block on {@code n}'s tip (with its mempool's transactions) and submits it there. */
    Block mine(Node n) throws ValidationException {
        Block b = ProofOfWork.solve(n.assembler().assemble(payTo, EXTRA_NONCE.incrementAndGet()).block(), MAX_NONCE_TRIES);
        n.submitBlock(b);
        return b;
    }

    /** A block template on {@code n}'s tip, nonce not searched. */
    Block assembleUnsolved(Node n) {
        return n.assembler().assemble(payTo, EXTRA_NONCE.incrementAndGet()).block();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static void awaitSameTip(Duration timeout, Node... nodes) throws InterruptedException {
        await("all nodes on " + nodes[0].chain().tip(), timeout, () -> {
            var tip = nodes[0].chain().tip().hash();
            for (Node n : nodes) {
                if (!n.chain().tip().hash().equals(tip)) {
                    return false;
                }
            }
            return true;
        });
    }

    void stop(Node n) {
        n.close();
        nodes.remove(n);
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
