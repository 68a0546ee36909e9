package org.peerchain.tracker.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.peerchain.p2p.NodeIdentity;
import org.peerchain.p2p.NodeKey;
import org.peerchain.p2p.ProtocolVersion;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.WireCodec;
import org.peerchain.tracker.PeerKey;
import org.peerchain.tracker.Tracker;
import org.peerchain.tracker.TrackerConfig;

/**
 * {@code peerchain bench tracker}: over real TCP against a tracker with a real SQLite file,
 * <ol>
 *   <li>{@code announces_per_s}: re-announces of the {@value #REGISTERED_PEERS} registered peers
 *       (the steady state: nodes re-announce on a schedule), each answered with 50 peers;</li>
 *   <li>{@code getpeers_per_s}: the same number of getpeers;</li>
 *   <li>{@code registrations_per_s}: announces of {@value #NEW_PEERS} new peers on top, each probed
 *       at once by the pinger as in service (dead ports here);</li>
 *   <li>{@code ping_sweep_s}: one liveness sweep over {@value #SWEEP_PEERS} live loopback peers.</li>
 * </ol>
 * Each request phase reports the CPU time per request of the tracker's threads and of the whole
 * process (client included), which judges the code even when other programs load the machine.
 * Headline figures last, one {@code name: value} a line.
 */
public final class TrackerBenchmark {
    public static final int REGISTERED_PEERS = 100_000;
    public static final int NEW_PEERS = 20_000;
    public static final int SWEEP_PEERS = 10_000;
    /** A quarter of the registered peers announce once, and as many getpeers are answered, before the figures. */
    static final int WARM_UP_FRACTION = 4;
    /** Each registered peer announces this many times in the measured phase (and as many getpeers are sent). */
    static final int MEASURED_ROUNDS = 2;
    private static final String NETWORK = "regtest";

    private TrackerBenchmark() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    public static void run(PrintStream out) {
        run(out, REGISTERED_PEERS, SWEEP_PEERS);
    }

    /** The same with other sizes (smaller for a quick check); new registrations are a fifth of the registered. */
    public static void run(PrintStream out, int registeredPeers, int sweepPeers) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("peerchain-tracker-bench");
            // All benchmark clients come from loopback addresses: lift the per-address rate limit and
            // registration cap, as `peerchain tracker --announce-rate 1000000000 --max-peers-per-ip ...` would.
            TrackerConfig base = TrackerConfig.defaults(0, dir.resolve("announce.db")).withBindAddress("127.0.0.1")
                    .withPingInterval(Duration.ofHours(1)).withMaxPeersPerIp(Integer.MAX_VALUE)
                    .withAnnounceRate(1e9, 1_000_000_000);
            int clients = BenchClients.CONNECTIONS;
            int portsPerClient = Math.max(1, registeredPeers / clients);
            BenchClients.Phase announces;
            BenchClients.Phase getpeers;
            BenchClients.Phase registrations;
            try (Tracker t = Tracker.start(base)) {
                // Each peer's announce is signed once here, with its own key, as a node signs each of its announces:
                // the clients then send them as fast as the tracker answers (re-announces need no signature check).
                long now = System.currentTimeMillis() / 1000;
                // Two rounds of re-announces, each a block higher, as every peer re-announcing twice
                byte[][] known = new byte[MEASURED_ROUNDS * clients * portsPerClient][];
                int perRound = clients * portsPerClient;
                int warmPerClient = Math.max(1, portsPerClient / WARM_UP_FRACTION);
                byte[][] warm = new byte[clients * warmPerClient][];
                for (int c = 0; c < clients; c++) {
                    for (int i = 0; i < portsPerClient; i++) {
                        NodeKey key = NodeKey.generate();
                        NodeIdentity id = benchIdentity(key, 1 + i);
                        for (int round = 0; round < MEASURED_ROUNDS; round++) {
                            known[round * perRound + c * portsPerClient + i] =
                                    WireCodec.encode(benchIdentity(key, 1 + i + round).announce(firstPort(i), now));
                        }
                        if (i < warmPerClient) {
                            // the same peer a block earlier, so that its measured announce still changes its height
                            warm[c * warmPerClient + i] = WireCodec.encode(benchIdentity(key, i).announce(firstPort(i), now));
                        }
                        t.registry().announce(new PeerKey(NETWORK, BenchClients.clientAddress(c), firstPort(i)),
                                id.nodeId(), ProtocolVersion.CURRENT, 0, Integer.MAX_VALUE);
                    }
                }
                t.registry().flush();
                out.println("registered_peers: " + t.registry().size());
                int expectedPeers = Math.min(Message.MAX_PEERS_PER_MESSAGE, Math.min(50, t.registry().size() - 1));
                byte[] getPeers = WireCodec.encode(new Message.GetPeers(NETWORK));
                // A tracker runs for days: its code is compiled before the figures are taken, not while.
                BenchClients.run(t.port(), warmPerClient, expectedPeers, (c, i) -> warm[c * warmPerClient + i]);
                BenchClients.run(t.port(), warmPerClient, Math.min(50, t.registry().size()), (c, i) -> getPeers);
                t.registry().flush();
                announces = BenchClients.run(t.port(), MEASURED_ROUNDS * portsPerClient, expectedPeers,
                        (c, i) -> known[(i / portsPerClient) * perRound + c * portsPerClient + i % portsPerClient],
                        t.registry()::flush);
                getpeers = BenchClients.run(t.port(), MEASURED_ROUNDS * portsPerClient, Math.min(50, t.registry().size()),
                        (c, i) -> getPeers);
                int newPerClient = Math.max(1, portsPerClient / 5);
                byte[][] fresh = new byte[clients * newPerClient][];
                for (int k = 0; k < fresh.length; k++) {
                    fresh[k] = WireCodec.encode(benchIdentity(NodeKey.generate(), 1).announce(firstPort(portsPerClient + k % newPerClient), now));
                }
                registrations = BenchClients.run(t.port(), newPerClient, expectedPeers,
                        (c, i) -> fresh[c * newPerClient + i], t.registry()::flush);
                out.println("registered_peers_after: " + t.registry().size());
            }
            double sweep;
            long failed;
            try (LoopbackPeerFarm farm = new LoopbackPeerFarm(NETWORK, sweepPeers);
                 Tracker t = Tracker.start(base.withDatabase(dir.resolve("sweep.db")))) {
                for (int port : farm.ports()) {
                    t.registry().announce(new PeerKey(NETWORK, "127.0.0.1", port), farm.nodeIdAt(port),
                            ProtocolVersion.CURRENT, 0, Integer.MAX_VALUE);
                }
                // A tracker sweeps every ping interval for as long as it runs: the first sweep after its start also
                // compiles the probe's code (JIT), so the sweep measured is the next one; the first is printed too.
                double firstSweep = t.sweepNow();
                var cpuBefore = BenchClients.threadCpu();
                long processBefore = BenchClients.processCpu();
                sweep = t.sweepNow();
                long processNanos = BenchClients.processCpu() - processBefore;
                var cpuAfter = BenchClients.threadCpu();
                failed = t.metrics().pingsFailed.sum();
                // the farm stands in for 10,000 other machines: its share is not the tracker's, but it runs here
                out.printf("sweep_pinger_cpu_us: %.1f%n", BenchClients.cpuOf("tracker-pinger", cpuBefore, cpuAfter) / 1e3
                        / sweepPeers);
                out.printf("sweep_farm_cpu_us: %.1f%n", BenchClients.cpuOf("bench-peer-farm", cpuBefore, cpuAfter) / 1e3
                        / sweepPeers);
                out.printf("sweep_process_cpu_us: %.1f%n", processNanos / 1e3 / sweepPeers);
                out.println("sweep_peers: " + sweepPeers);
                out.printf("ping_sweep_first_s: %.2f%n", firstSweep);
                out.println("sweep_pings_failed: " + failed);
                out.println("sweep_concurrency: " + t.config().pingConcurrency());
            }
            out.println("client_connections: " + clients + " (pipeline depth " + BenchClients.PIPELINE_DEPTH + ")");
            announces.print(out, "announce");
            getpeers.print(out, "getpeers");
            registrations.print(out, "registration");
            out.printf("registrations_per_s: %.0f%n", registrations.perSecond());
            out.printf("announces_per_s: %.0f%n", announces.perSecond());
            out.printf("getpeers_per_s: %.0f%n", getpeers.perSecond());
            out.printf("ping_sweep_s: %.2f%n", sweep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Listen ports of the benchmark's peers: client {@code c}'s {@code i}-th peer is (127.0.0.(2+c), 1+i). */
    private static int firstPort(int i) {
        return 1 + i % Message.MAX_PORT;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    /** A peer of the benchmark: a key of its own and a height. */
    private static NodeIdentity benchIdentity(NodeKey key, long height) {
        return new NodeIdentity(NETWORK, key, () -> height, () -> java.math.BigInteger.ZERO);
    }
}
