package org.peerchain.tracker.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.peerchain.p2p.NodeIdentity;
import org.peerchain.p2p.ProtocolVersion;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;
import org.peerchain.tracker.PeerKey;
import org.peerchain.tracker.Tracker;
import org.peerchain.tracker.TrackerConfig;

/**
 * {@code peerchain bench tracker}: announces and getpeers per second over real TCP against a tracker
 * holding {@value #REGISTERED_PEERS} peers, and the time of one liveness sweep over
 * {@value #SWEEP_PEERS} live loopback peers. Headline figures last, one {@code name: value} a line.
 */
public final class TrackerBenchmark {
    public static final int REGISTERED_PEERS = 100_000;
    public static final int SWEEP_PEERS = 10_000;
    /** Client connections, each from its own loopback address (127.0.0.2, ...), so per-address caps stay real. */
    private static final int CLIENTS = 4;
    private static final String NETWORK = "regtest";

    private TrackerBenchmark() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    public static void run(PrintStream out) {
        run(out, REGISTERED_PEERS, SWEEP_PEERS);
    }

    /** The same with other sizes (smaller for a quick check). */
    public static void run(PrintStream out, int registeredPeers, int sweepPeers) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("peerchain-tracker-bench");
            TrackerConfig base = TrackerConfig.defaults(0, dir.resolve("announce.db")).withBindAddress("127.0.0.1")
                    .withPingInterval(Duration.ofHours(1)).withMaxPeersPerIp(Integer.MAX_VALUE)
                    .withAnnounceRate(1e9, 1_000_000_000);
            double announces;
            double getpeers;
            try (Tracker t = Tracker.start(base)) {
                announces = measure(t.port(), registeredPeers, true);
                out.println("registered_peers: " + t.registry().size());
                getpeers = measure(t.port(), registeredPeers, false);
            }
            double sweep;
            long failed;
            try (LoopbackPeerFarm farm = new LoopbackPeerFarm(NETWORK, sweepPeers);
                 Tracker t = Tracker.start(base.withDatabase(dir.resolve("sweep.db")))) {
                for (int port : farm.ports()) {
                    t.registry().announce(new PeerKey(NETWORK, "127.0.0.1", port), NodeIdentity.newNodeId(),
                            ProtocolVersion.CURRENT, 0, Integer.MAX_VALUE);
                }
                sweep = t.sweepNow();
                failed = t.metrics().pingsFailed.sum();
                out.println("sweep_peers: " + sweepPeers);
                out.println("sweep_pings_failed: " + failed);
                out.println("sweep_concurrency: " + t.config().pingConcurrency());
            }
            out.printf("announces_per_s: %.0f%n", announces);
            out.printf("getpeers_per_s: %.0f%n", getpeers);
            out.printf("ping_sweep_s: %.2f%n", sweep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** {@code total} requests spread over {@link #CLIENTS} persistent connections; returns requests per second. */
    private static double measure(int port, int total, boolean announce) throws IOException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        int perClient = total / CLIENTS;
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread th = new Thread(() -> {
                try (Socket s = new Socket()) {
                    s.bind(new InetSocketAddress("127.0.0." + (2 + client), 0));
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(10_000);
                    FrameWriter w = new FrameWriter(s.getOutputStream());
                    FrameReader r = new FrameReader(s.getInputStream(), MessageCatalog.standard());
                    for (int i = 0; i < perClient; i++) {
                        Message m = announce
                                ? new Message.Announce(NETWORK, 1 + i % 65_535, NodeIdentity.newNodeId(), ProtocolVersion.CURRENT, i)
                                : new Message.GetPeers(NETWORK);
                        w.write(m);
                        Message reply = r.read();
                        if (!(reply instanceof Message.Peers)) {
                            throw new IOException("unexpected reply " + reply);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "bench-client-" + c);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        if (!errors.isEmpty()) {
            throw new IOException("benchmark client failed: " + errors.get(0), errors.get(0));
        }
        return perClient * (double) CLIENTS / ((System.nanoTime() - start) / 1e9);
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
}
