package org.peerchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.ChainEvent;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.KeyHash;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;
import org.peerchain.mining.HeaderHasher;
import org.peerchain.mining.HeaderHashers;
import org.peerchain.mining.Miner;
import org.peerchain.mining.MinerOptions;
import org.peerchain.mining.MiningListener;
import org.peerchain.mining.Work;
import org.peerchain.mining.WorkSource;
import org.peerchain.mining.WorkSwitch;

/**
 * Mining speed, all in one run: a plain MessageDigest double SHA-256 loop against the miner on one
 * thread and on all cores, the miner against the hardware's limit (the JDK's SHA-256 over a large buffer:
 * a nonce costs two compressions), and how fast new work reaches the mining threads, directly and through a
 * regtest node whose tip changes from outside. Rates use a target no
 * hash meets, so the threads never stop to build a block. Headline figures come last, one
 * {@code name: value} a line.
 */
public final class MiningBenchmark {
    /** Target 1: no header meets it, so the rate parts measure hashing only. */
    private static final long IMPOSSIBLE_BITS = 0x03000001L;
    private static final BigInteger MAX_TARGET = BigInteger.valueOf(0xffff).shiftLeft(8 * (0x1f - 3));
    private static final long WARMUP_MILLIS = 2_000;
    private static final int ROUNDS = 4;
    private static final long ROUND_MILLIS = 1_500;
    /** Time for a new set of threads to start and reach speed before a measurement. */
    private static final long SETTLE_MILLIS = 300;
    private static final long HASHER_MEASURE_MILLIS = 1_500;
    private static final int SWITCHES = 200;
    private static final int SWITCH_PAUSE_MIN_MILLIS = 2;
    private static final int SWITCH_PAUSE_MAX_MILLIS = 10;
    private static final long SWITCH_WAIT_SECONDS = 10;
    private static final int BATCH = 10_000;
    /** The buffer the JDK's SHA-256 hashes to give the compressions a core does per second. */
    private static final int LIMIT_BUFFER_BYTES = 1 << 20;
    private static final int SHA256_BLOCK = 64;
    /** Compressions per nonce with the first 64 header bytes saved: the header's last block and the second hash. */
    private static final int COMPRESSIONS_PER_NONCE = 2;
    /** Tip changes from outside measured through a regtest node. */
    private static final int NODE_SWITCHES = 100;

    private MiningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs every part and prints the figures; the headline ones last. */
    public static void run(PrintStream out) throws InterruptedException {
        int cores = Miner.maxThreads();
        out.println("cores: " + cores);
        out.println("hasher_path: " + HeaderHashers.fastestPath());
        HeaderHashers.intrinsicUnavailableReason().ifPresent(r -> out.println("intrinsic_unavailable: " + r));

        for (Supplier<HeaderHasher> h : hasherCandidates()) {
            HeaderHasher hasher = h.get();
            out.println("sha256d_" + hasher.path().replace('-', '_') + "_1thread_mhs: " + fmt(hasherMhs(hasher)));
        }

        SwitchingSource source = new SwitchingSource();
        BlockingQueue<WorkSwitch> switches = new LinkedBlockingQueue<>();
        Rate compressions = new Rate();
        Rate naive = new Rate();
        Rate one = new Rate();
        Rate all = new Rate();
        List<Double> switchMillis = new ArrayList<>();
        try (Miner miner = new Miner(source, block -> { }, MinerOptions.defaults(MAX_TARGET).withThreads(1))) {
            miner.addListener(new MiningListener() {
                @Override
                public void onWorkStarted(WorkSwitch s) {
                    switches.add(s);
                }
            });
            NaiveLoop loop = new NaiveLoop();
            loop.run(WARMUP_MILLIS / 2, new Rate());
            CompressionLoop limit = new CompressionLoop();
            limit.run(WARMUP_MILLIS / 2, new Rate());
            miner.start();
            Thread.sleep(WARMUP_MILLIS);
            miner.stop();
            // Rounds alternate the four so that load from other programs falls on all of them alike.
            for (int round = 0; round < ROUNDS; round++) {
                limit.run(ROUND_MILLIS, compressions);
                loop.run(ROUND_MILLIS, naive);
                miner.setThreads(1);
                miner.start();
                measure(miner, one);
                miner.setThreads(cores);
                measure(miner, all);
                miner.stop();
            }
            miner.start();
            Thread.sleep(SETTLE_MILLIS);
            for (int i = 0; i < SWITCHES; i++) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(SWITCH_PAUSE_MIN_MILLIS, SWITCH_PAUSE_MAX_MILLIS + 1));
                switches.clear();
                source.advanceTip();
                if (!miner.newWork()) {
                    throw new IllegalStateException("the benchmark's work source gave no work");
                }
                WorkSwitch s = switches.poll(SWITCH_WAIT_SECONDS, TimeUnit.SECONDS);
                if (s == null) {
                    throw new IllegalStateException("no mining thread took new work within " + SWITCH_WAIT_SECONDS + " s");
                }
                switchMillis.add(s.latency().toNanos() / 1e6);
            }
        }
        Collections.sort(switchMillis);
        List<Double> nodeSwitchMillis = nodeSwitches();

        out.println("naive_sha256d_mhs: " + fmt(naive.mhs()));
        out.println("miner_1thread_mhs: " + fmt(one.mhs()));
        out.println("ratio_1thread: " + fmt(one.mhs() / naive.mhs()));
        out.println("sha256_compressions_per_s: " + String.format(Locale.ROOT, "%.0f", compressions.perSecond()));
        out.println("limit_ratio: " + fmt(COMPRESSIONS_PER_NONCE * one.perSecond() / compressions.perSecond()));
        out.println("miner_all_threads_mhs: " + fmt(all.mhs()));
        out.println("scaling: " + fmt(all.mhs() / one.mhs()));
        out.println("switch_ms_p50: " + fmt(percentile(switchMillis, 0.50)));
        out.println("switch_ms_p95: " + fmt(percentile(switchMillis, 0.95)));
        out.println("switch_node_ms_p50: " + fmt(percentile(nodeSwitchMillis, 0.50)));
        out.println("switch_node_ms_p95: " + fmt(percentile(nodeSwitchMillis, 0.95)));
    }

    /**
     * The same through a real regtest node mining on one thread: from the chain's tip-changed event for a
     * block submitted from outside to the first hash on work that builds on it. Sorted milliseconds.
     */
    private static List<Double> nodeSwitches() throws InterruptedException {
        Path dir;
        try {
            dir = Files.createTempDirectory("peerchain-bench-mining");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a temporary data directory: " + e.getMessage(), e);
        }
        List<Double> millis = new ArrayList<>();
        KeyHash outsider = KeyHash.of(new byte[] {42});
        Map<Hash, Long> tipTimes = new ConcurrentHashMap<>();
        BlockingQueue<WorkSwitch> switches = new LinkedBlockingQueue<>();
        NodeConfig config = NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF)
                .withMining(new MiningConfig(true, 1, null));
        try (Node node = Node.start(config)) {
            node.events().subscribe(ChainEvent.TipChanged.class, e -> tipTimes.put(e.hash(), System.nanoTime()));
            node.events().subscribe(WorkSwitch.class, s -> {
                Long t = tipTimes.get(s.prevHash());
                if (t != null) {
                    switches.add(new WorkSwitch(s.generation(), s.prevHash(), Duration.ofNanos(System.nanoTime() - t)));
                }
            });
            Thread.sleep(SETTLE_MILLIS);
            long extraNonce = 1L << 40;
            while (millis.size() < NODE_SWITCHES) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(SWITCH_PAUSE_MIN_MILLIS, SWITCH_PAUSE_MAX_MILLIS + 1));
                Block b = ProofOfWork.solve(node.assembler().assemble(outsider, extraNonce++).block(), 1_000_000);
                switches.clear();
                if (node.submitBlock(b) != BlockOutcome.ACTIVE) {
                    continue;
                }
                WorkSwitch s;
                do {
                    s = switches.poll(SWITCH_WAIT_SECONDS, TimeUnit.SECONDS);
                    if (s == null) {
                        throw new IllegalStateException("the node's miner took no work on a new tip within "
                                + SWITCH_WAIT_SECONDS + " s");
                    }
                } while (!s.prevHash().equals(b.hash()));
                millis.add(s.latency().toNanos() / 1e6);
            }
        } catch (NodeStartException | ValidationException e) {
            throw new IllegalStateException("the benchmark's regtest node failed: " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
        Collections.sort(millis);
        return millis;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    private static List<Supplier<HeaderHasher>> hasherCandidates() {
        List<Supplier<HeaderHasher>> list = new ArrayList<>();
        list.add(HeaderHashers::clonedDigest);
        list.add(HeaderHashers::pureJava);
        if (HeaderHashers.intrinsic().isPresent()) {
            list.add(() -> HeaderHashers.intrinsic().orElseThrow());
        }
        return list;
    }

    /** Hashes and nanoseconds summed over the measured rounds. */
    private static final class Rate {
        long hashes;
        long nanos;

        double mhs() {
            return hashes / (nanos / 1e3);
        }

        double perSecond() {
            return hashes / (nanos / 1e9);
        }
    }

    /**
     * The hardware's limit on one core: the JDK's SHA-256 over a large buffer, which runs its intrinsic
     * compression block after block with nothing in between. Counts 64-byte blocks as hashes.
     */
    private static final class CompressionLoop {
        private final MessageDigest sha = Hash.sha256();
        private final byte[] buffer = new byte[LIMIT_BUFFER_BYTES];

        void run(long millis, Rate into) {
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
            long bytes = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                sha.update(buffer);
                bytes += buffer.length;
            }
            sha.reset();
            into.hashes += bytes / SHA256_BLOCK;
            into.nanos += now - start;
        }
    }

    /** A plain loop: MessageDigest SHA-256 of the 80 bytes, then of the digest, one thread, no midstate. */
    private static final class NaiveLoop {
        private final MessageDigest sha = Hash.sha256();
        private final byte[] header = sampleHeader().serialize();
        private final byte[] digest = new byte[Hash.LENGTH];
        private long nonce;

        void run(long millis, Rate into) {
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
            long from = nonce;
            long now;
            try {
                while ((now = System.nanoTime()) < end) {
                    for (int i = 0; i < BATCH; i++) {
                        BlockHeader.putU32(header, BlockHeader.NONCE_OFFSET, nonce++ & 0xFFFF_FFFFL);
                        sha.update(header);
                        sha.digest(digest, 0, Hash.LENGTH);
                        sha.update(digest);
                        sha.digest(digest, 0, Hash.LENGTH);
                    }
                }
            } catch (DigestException e) {
                throw new IllegalStateException("the JDK's SHA-256 failed: " + e.getMessage(), e);
            }
            into.hashes += nonce - from;
            into.nanos += now - start;
        }
    }

    private static double hasherMhs(HeaderHasher hasher) {
        hasher.load(sampleHeader().serialize());
        int[] impossible = {0, 0, 0, 0, 0, 0, 0, 1};
        long nonce = 0;
        long warmEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WARMUP_MILLIS / 2);
        while (System.nanoTime() < warmEnd) {
            hasher.search(nonce, nonce + BATCH, impossible);
            nonce += BATCH;
        }
        long from = nonce;
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(HASHER_MEASURE_MILLIS);
        long now;
        while ((now = System.nanoTime()) < end) {
            hasher.search(nonce, nonce + BATCH, impossible);
            nonce += BATCH;
        }
        return (nonce - from) / ((now - start) / 1e3);
    }

    private static void measure(Miner miner, Rate into) throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        long h0 = miner.meter().hashesDone();
        long t0 = System.nanoTime();
        Thread.sleep(ROUND_MILLIS);
        into.hashes += miner.meter().hashesDone() - h0;
        into.nanos += System.nanoTime() - t0;
    }

    private static double percentile(List<Double> sorted, double p) {
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static BlockHeader sampleHeader() {
        return new BlockHeader(1, Hash.sha256d(new byte[] {1}), Hash.sha256d(new byte[] {2}),
                1_800_000_000L, IMPOSSIBLE_BITS, 0);
    }

    /** Templates on a previous hash that changes on demand, as a new tip would. */
    private static final class SwitchingSource implements WorkSource {
        private volatile long tip;

        void advanceTip() {
            tip++;
        }

        @Override
        public Work nextWork(long extraNonce) {
            Hash prev = Hash.sha256d(ByteBuffer.allocate(8).putLong(tip).array());
            Hash root = Hash.sha256d(ByteBuffer.allocate(8).putLong(extraNonce).array());
            BlockHeader header = new BlockHeader(1, prev, root, System.currentTimeMillis() / 1000, IMPOSSIBLE_BITS, 0);
            return Work.of(header, solved -> new Block(solved, List.of()));
        }
    }
}
