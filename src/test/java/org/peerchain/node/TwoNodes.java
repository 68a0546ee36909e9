package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.P2pSettings;

/**
 * The peer tests' fixture: regtest node "a" listening on a free loopback port and node "b" dialling it (or not),
 * each in its own directory under one root, RPC off, with the loopback test settings; and, for the "P2P off"
 * cases, a node without P2P. Registered as an extension ({@code @RegisterExtension final TwoNodes net = new
 * TwoNodes(() -> dir)} beside a {@code @TempDir Path dir}) it stops its nodes, newest first, after each test.
 */
public final class TwoNodes implements AutoCloseable, AfterEachCallback {
    /** How long a test waits for a connection, a ban or a snapshot to show. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    private final Supplier<Path> root;
    private final List<Node> nodes = new CopyOnWriteArrayList<>();

    /** {@code root} is read at the first start: a {@code @TempDir} field is set only once the test instance is. */
    public TwoNodes(Supplier<Path> root) {
        this.root = root;
    }

    /** Node "a": listens, dials nobody. */
    public Node a() throws NodeStartException {
        return start("a", List.of());
    }

    /** Node "b" dialling {@code a}. */
    public Node bDialling(Node a) throws NodeStartException {
        return start("b", List.of(address(a)));
    }

    /** Node "b" listening, dialling nobody (a test connects it by hand). */
    public Node b() throws NodeStartException {
        return start("b", List.of());
    }

    /** A node with P2P off. */
    public Node withoutP2p() throws NodeStartException {
        return keep(Node.start(NodeConfig.regtest(root.get().resolve("off")).withRpcPort(NodeConfig.OFF)));
    }

    private Node start(String name, List<HostPort> connect) throws NodeStartException {
        return keep(Node.start(NodeConfig.regtest(root.get().resolve(name)).withRpcPort(NodeConfig.OFF).withP2pPort(0)
                .withPeers(new PeerOptions(List.of(), connect, P2pSettings.forLoopbackTests()))));
    }

    private Node keep(Node n) {
        nodes.add(n);
        return n;
    }

    /** Where {@code n} listens on loopback. */
    public static HostPort address(Node n) {
        return new HostPort("127.0.0.1", n.p2pPort());
    }

    /** Stops {@code n} now (a peer leaving) instead of at the end. */
    public void stop(Node n) {
        n.close();
        nodes.remove(n);
    }

    /** Waits up to {@link #TIMEOUT} for {@code condition}, failing with {@code what} when it never holds. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.remove(i).close();
        }
    }
}
