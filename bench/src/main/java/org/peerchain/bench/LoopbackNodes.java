package org.peerchain.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.node.PeerOptions;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.NodeKey;
import org.peerchain.p2p.P2pSettings;
import org.peerchain.p2p.PeerAddressBook;

/** Regtest nodes on loopback for the network benchmarks: started in temporary directories, removed afterwards. */
public final class LoopbackNodes {
    private LoopbackNodes() {
    }

    public static Node start(Path dir, List<HostPort> connect, P2pSettings settings) throws NodeStartException {
        return start(dir, connect, settings, false);
    }

    static Node start(Path dir, List<HostPort> connect, P2pSettings settings, boolean txIndex)
            throws NodeStartException {
        return Node.start(new NodeConfig(ChainParams.REGTEST, dir, NodeConfig.OFF, 0,
                new PeerOptions(List.of(), connect, settings)).withTxIndex(txIndex));
    }

    public static HostPort address(Node n) {
        return new HostPort("127.0.0.1", n.p2pPort());
    }

    /** Fixed peers only, no per-address cap (every node is 127.0.0.1). */
    public static P2pSettings settings() {
        return P2pSettings.forLoopbackTests().withDiscovery(false);
    }

    static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    /**
     * Not copied: the address book, and the node key, without which each copy makes a key of its own (nodes sharing a
     * key are one node to their peers, which keep a single connection to them).
     */
    private static final Set<String> COPY_SKIPS = Set.of(PeerAddressBook.FILE_NAME, NodeKey.FILE_NAME);

    /** A copy of a node's data directory, for a second node with the same chain and its own identity. */
    static void copyDir(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!COPY_SKIPS.contains(p.getFileName().toString())) {
                    Files.copy(p, t);
                }
            }
        }
    }

    public static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }

    static double percentile(List<Double> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
