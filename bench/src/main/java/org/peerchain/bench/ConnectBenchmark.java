package org.peerchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.events.EventBus;

/**
 * {@code peerchain bench connect}: connects pre-built regtest blocks of signed transactions into a fresh
 * chain and compares the rate at which their signatures get verified with the raw rate of all cores.
 */
public final class ConnectBenchmark {
    public static final int DEFAULT_BLOCKS = 10_000;
    public static final int TXS_PER_BLOCK = 10;
    /** How many blocks ahead of the one being connected have their signatures checked. */
    static final int PREVERIFY_WINDOW = 64;
    /** Blocks connected into a throwaway chain before the timed run. */
    static final int WARM_UP_BLOCKS = 10_000;
    /** Timed rounds of the raw verification rate, after one untimed. */
    static final int RAW_TIMED_ROUNDS = 3;
    /** Timed rounds of connecting, each into a new chain. */
    static final int CONNECT_TIMED_ROUNDS = 3;
    private static final long FEE = 1_000;
    /** Outputs of one setup coinbase, each a lane the timed blocks spend from. */
    private static final int LANES_PER_COINBASE = 1_000;

    private ConnectBenchmark() {
    }

    public static void run(PrintStream out, int blocks) throws IOException, ValidationException, java.sql.SQLException {
        run(out, blocks, 1, false);
    }

    /**
     * @param coinAge blocks between a coin's creation and its spending: the transactions of a block spend coins
     *     {@code coinAge} blocks old, from {@code coinAge * TXS_PER_BLOCK} lanes the setup blocks' coinbases fill
     * @param txIndex keep the transaction index while connecting (its cost: compare with a run without)
     */
    public static void run(PrintStream out, int blocks, int coinAge, boolean txIndex)
            throws IOException, ValidationException, java.sql.SQLException {
        ChainOpener opener = (dir, setup, pool, clock) -> openWith(dir, setup, pool, clock, txIndex);
        out.printf("Transaction index: %s%n", txIndex ? "on (every transaction's id indexed as it connects)" : "off");
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("Building %,d regtest blocks of %d signed transactions, each spending a coin %,d block%s old...%n",
                blocks, TXS_PER_BLOCK, coinAge, coinAge == 1 ? "" : "s");
        long buildStart = System.nanoTime();
        SignedChain signed = buildSignedChain(blocks, coinAge);
        List<Block> setup = signed.setup();
        List<Block> timed = signed.timed();
        out.printf("Built in %.1f s%n", (System.nanoTime() - buildStart) / 1e9);

        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "verify-" + threadNo.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        Path dir = Files.createTempDirectory("peerchain-bench-connect");
        long clock = signed.clock();
        // Warm up as the raw rate below is warmed up: the JIT compiles the verifier and the connect path while a
        // throwaway chain connects the blocks, so the timed run measures steady state, not compilation. Opening a
        // chain and connecting its setup blocks takes branches the first run's compiled code never saw: about a
        // hundred methods were thrown away and recompiled during the timed run (0.1 ms of compiler CPU a block)
        // until a second throwaway chain took that hit first.
        int warmUp = Math.min(WARM_UP_BLOCKS, timed.size());
        long warmStart = System.nanoTime();
        warmUp(opener, dir, setup, timed, pool, clock);
        out.printf("Warmed up on %,d and %,d blocks in %.1f s (two throwaway chains)%n", warmUp, warmUp / 2,
                (System.nanoTime() - warmStart) / 1e9);
        try {
            long signatures = (long) blocks * TXS_PER_BLOCK;
            // Timed rounds, each on a new chain; the fastest is the machine's rate, as for raw_verify_per_s below.
            List<Round> rounds = new ArrayList<>();
            for (int r = 0; r < CONNECT_TIMED_ROUNDS; r++) {
                Path roundDir = dir.resolve("timed-" + r);
                Round round = timedRound(opener, roundDir, setup, timed, pool, clock);
                deleteTree(roundDir);
                rounds.add(round);
                out.printf("Round %d: connected %,d blocks (%,d signatures) in %.2f s on %d cores (%,.0f blocks/s);"
                        + " tip height %d%n", r + 1, blocks, signatures, round.seconds, cores, blocks / round.seconds,
                        round.height);
            }
            Round best = rounds.stream().min(Comparator.comparingDouble(Round::seconds)).orElseThrow();
            double seconds = best.seconds;
            double connectVerifyRate = signatures / seconds;
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long rawCpuStart = os.getProcessCpuTime();
            double raw = rawVerifyRate(pool, cores, timed);
            double rawCpuPerBlock = (os.getProcessCpuTime() - rawCpuStart) / 1e6
                    / ((1 + RAW_TIMED_ROUNDS) * Math.min(timed.size(), 4_000));
            StringBuilder ratios = new StringBuilder();
            for (Round r : rounds) {
                ratios.append(String.format(" %.2f", signatures / r.seconds / raw));
            }
            out.printf("verify_ratio of each round:%s (the fastest round counts, as the best raw round does)%n", ratios);
            out.printf("CPU per block in the fastest round: %.3f ms in the connecting thread (lookups, SQLite, events),"
                    + " %.3f ms in all; verifying a block's signatures alone takes %.3f ms%n", best.serialMs,
                    best.processMs, rawCpuPerBlock);
            out.printf("CPU per block by thread (ms):%s%n", best.byThread);
            // the same blocks' writes alone (setup blocks and a quarter first, untimed): what one transaction per block
            // costs at least
            List<Block> all = new ArrayList<>(setup);
            all.addAll(timed);
            double floorMs = org.peerchain.chain.StorageFloor.cpuMillisPerBlock(dir.resolve("floor"), all,
                    setup.size() + timed.size() / 4);
            double sigMs = rawCpuPerBlock;
            // All cores busy: the signatures' share of the CPU. The connecting thread alone: it cannot go faster than
            // its floor, however many cores verify (more cores raise raw_verify_per_s, not blocks per second).
            double bound = Math.min(sigMs / (sigMs + floorMs), sigMs / (cores * floorMs));
            out.printf("Storage floor at one transaction a block (as near the tip; the timed rounds batch): the block's"
                    + " SQL and commit alone take %.3f ms of CPU; with a block's signatures at %.3f ms of CPU on %d cores,"
                    + " verify_ratio could then be at most %.2f%n", floorMs, sigMs, cores, bound);
            Replay replay = measureRestartReplay(dir.resolve("crash"), setup, timed, pool, clock, opener);
            out.printf("Restart after a crash at the worst moment (the largest batch, %,d blocks, not yet stored): opening"
                    + " took %d ms, connecting the lost blocks again %d ms (here from memory; a node downloads them)%n",
                    replay.lostBlocks(), replay.openMillis(), replay.reconnectMillis());
            out.printf("blocks_per_s: %.0f%n", blocks / seconds);
            out.printf("raw_verify_per_s: %.0f%n", raw);
            out.printf("verify_ratio: %.2f%n", connectVerifyRate / raw);
            out.printf("restart_lost_blocks: %d%n", replay.lostBlocks());
            out.printf("restart_replay_ms: %d%n", replay.openMillis() + replay.reconnectMillis());
        } finally {
            pool.shutdownNow();
            deleteTree(dir);
        }
    }

    /**
     * The benchmark's blocks: the setup that makes mature coins in {@code coinAge * TXS_PER_BLOCK} lanes, then
     * {@code blocks} blocks of {@link #TXS_PER_BLOCK} signed transactions spending them, and a clock after the last.
     */
    public record SignedChain(List<Block> setup, List<Block> timed, long clock) {
    }

    /** Builds {@link SignedChain}'s blocks (about 0.7 ms a block: each transaction is signed). */
    public static SignedChain buildSignedChain(int blocks, int coinAge) {
        int laneCount = coinAge * TXS_PER_BLOCK;
        Ed25519Keys.KeyPair key = Ed25519Keys.generate(new SecureRandom());
        KeyHash me = KeyHash.of(key.publicKey());
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        List<Block> setup = new ArrayList<>();
        Hash[] laneTx = new Hash[laneCount];
        long[] laneValue = new long[laneCount];
        long[] laneIndex = new long[laneCount];
        int perCoinbase = Math.min(laneCount, LANES_PER_COINBASE);
        for (int first = 0; first < laneCount; first += perCoinbase) {
            long laneAmount = ChainParams.REGTEST.subsidy(builder.height() + 1) / perCoinbase;
            List<TxOutput> lanes = new ArrayList<>();
            int n = Math.min(perCoinbase, laneCount - first);
            for (int i = 0; i < n; i++) {
                lanes.add(new TxOutput(laneAmount, me));
            }
            Block b = builder.next(lanes, List.of());
            setup.add(b);
            for (int i = 0; i < n; i++) {
                laneTx[first + i] = b.transactions().get(0).txid();
                laneIndex[first + i] = i;
                laneValue[first + i] = laneAmount;
            }
        }
        int matureAt = builder.height() + ChainParams.COINBASE_MATURITY;
        while (builder.height() < matureAt) {
            setup.add(builder.next(me, 0, List.of()));
        }
        List<Block> timed = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            List<Transaction> txs = new ArrayList<>(TXS_PER_BLOCK);
            for (int t = 0; t < TXS_PER_BLOCK; t++) {
                int i = (int) (((long) b * TXS_PER_BLOCK + t) % laneCount);
                laneValue[i] -= FEE;
                Transaction unsigned = new Transaction(Transaction.CURRENT_VERSION,
                        List.of(new TxInput(new OutPoint(laneTx[i], laneIndex[i]), key.publicKey(), new byte[0])),
                        List.of(new TxOutput(laneValue[i], me)));
                byte[] sig = Ed25519Keys.sign(key, unsigned.sigHash());
                Transaction tx = new Transaction(unsigned.version(),
                        List.of(unsigned.inputs().get(0).withSignature(sig)), unsigned.outputs());
                txs.add(tx);
                laneTx[i] = tx.txid();
                laneIndex[i] = 0;
            }
            timed.add(builder.next(me, FEE * TXS_PER_BLOCK, txs));
        }

        return new SignedChain(setup, timed, builder.time() + 1);
    }

    /**
     * {@code bench connect}'s {@code blocks_per_s} for {@code chain} in this JVM: the same warm-up, then the fastest of
     * its timed rounds, each into a new chain in a temporary directory.
     */
    /** Headers in one {@code headers} answer, as a peer sends them. */
    static final int HEADERS_PER_ANSWER = 2_000;

    public static double connectRate(SignedChain chain) throws IOException, ValidationException {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "verify-" + threadNo.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        ChainOpener opener = (dir, setup, p, clock) -> openWith(dir, setup, p, clock, false);
        Path dir = Files.createTempDirectory("peerchain-bench-connect");
        try {
            List<Block> timed = chain.timed();
            warmUp(opener, dir, chain.setup(), timed, pool, chain.clock());
            double best = Double.MAX_VALUE;
            for (int r = 0; r < CONNECT_TIMED_ROUNDS; r++) {
                Path roundDir = dir.resolve("timed-" + r);
                best = Math.min(best, timedRound(opener, roundDir, chain.setup(), timed, pool, chain.clock()).seconds());
                deleteTree(roundDir);
            }
            return timed.size() / best;
        } finally {
            pool.shutdownNow();
            deleteTree(dir);
        }
    }

    /** Two throwaway chains connect the first {@link #WARM_UP_BLOCKS} blocks, then half as many (see {@link #run}). */
    private static void warmUp(ChainOpener opener, Path dir, List<Block> setup, List<Block> timed, ExecutorService pool,
            long clock) throws ValidationException {
        int warmUp = Math.min(WARM_UP_BLOCKS, timed.size());
        try (ChainState chain = opener.open(dir.resolve("warm-up"), setup, pool, clock)) {
            acceptHeaders(chain, timed.subList(0, warmUp));
            connectAll(chain, timed.subList(0, warmUp));
        }
        try (ChainState chain = opener.open(dir.resolve("warm-up-again"), setup, pool, clock)) {
            acceptHeaders(chain, timed.subList(0, warmUp / 2));
            connectAll(chain, timed.subList(0, warmUp / 2));
        }
    }

    /** One timed connect of {@code timed} into a new chain in {@code dir}, with the CPU it took. */
    private record Round(double seconds, double serialMs, double processMs, String byThread, int height) {
    }

    private static Round timedRound(ChainOpener opener, Path dir, List<Block> setup, List<Block> timed,
            ExecutorService pool, long clock) throws ValidationException {
        int blocks = timed.size();
        try (ChainState chain = opener.open(dir, setup, pool, clock)) {
            acceptHeaders(chain, timed);
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = mx.getCurrentThreadCpuTime();
            ThreadCpuMeter meter = ThreadCpuMeter.start();
            long start = System.nanoTime();
            connectAll(chain, timed);
            double seconds = (System.nanoTime() - start) / 1e9;
            double serialMs = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e6 / blocks;
            double processMs = meter.processMsPerBlock(blocks);
            String byThread = meter.perBlock(blocks);
            return new Round(seconds, serialMs, processMs, byThread, chain.height());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Opens the chains of one run, all alike. */
    @FunctionalInterface
    private interface ChainOpener {
        ChainState open(Path dir, List<Block> setup, ExecutorService pool, long clock) throws ValidationException;
    }

    /**
     * A new regtest chain in {@code dir} with the setup blocks (the mature coins the timed blocks spend) connected,
     * with the transaction index on from the first block when {@code txIndex}.
     */
    private static ChainState openWith(Path dir, List<Block> setup, ExecutorService pool, long clock, boolean txIndex)
            throws ValidationException {
        ChainState chain = ChainState.open(dir, ChainParams.REGTEST, new EventBus(), pool, () -> clock);
        try {
            if (txIndex) {
                chain.enableTxIndex();
            }
            for (Block b : setup) {
                require(chain.processBlock(b));
            }
            return chain;
        } catch (ValidationException | RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    /**
     * Headers first, as a syncing node gets them (in answers of {@link #HEADERS_PER_ANSWER}): the chain then knows
     * how far behind it is, and connects in batches while far behind (ChainState.BATCH_WHEN_BEHIND), as in a sync.
     */
    static void acceptHeaders(ChainState chain, List<Block> blocks) throws ValidationException {
        for (int from = 0; from < blocks.size(); from += HEADERS_PER_ANSWER) {
            List<org.peerchain.core.BlockHeader> headers = new ArrayList<>();
            for (Block b : blocks.subList(from, Math.min(blocks.size(), from + HEADERS_PER_ANSWER))) {
                headers.add(b.header());
            }
            chain.acceptHeaders(headers);
        }
    }

    record Replay(int lostBlocks, long openMillis, long reconnectMillis) {
    }

    /**
     * The worst case of a crash during a sync: the chain is copied (as a kill would leave its files) when the open
     * batch holds one block less than a full batch, so that everything it connected since the last commit is lost.
     * Then the copy is opened and the lost blocks connected again, timed.
     */
    static Replay measureRestartReplay(Path dir, List<Block> setup, List<Block> timed, ExecutorService pool,
            long clock, ChainOpener opener) throws IOException, ValidationException {
        Path imageDir = dir.resolve("image");
        int[] image = {-1, 0}; // the index of the last block in the image, and the blocks it lacks
        try (ChainState chain = opener.open(dir.resolve("live"), setup, pool, clock)) {
            acceptHeaders(chain, timed);
            // An image every 100 blocks of the first batch and at its last block: a batch can also close on its
            // time limit, on a machine that connects fewer than a full batch a second.
            connectWhile(chain, timed, i -> {
                int open = chain.uncommittedBlocks();
                if (open < image[1]) {
                    return false; // the first batch committed: the last image is its worst moment
                }
                if (open > image[1] && (open % 100 == 0 || open >= ChainState.BATCH_MAX_BLOCKS - 1)) {
                    try {
                        CrashImage.take(dir.resolve("live"), imageDir);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    image[0] = i;
                    image[1] = open;
                }
                return open < ChainState.BATCH_MAX_BLOCKS - 1;
            });
        }
        int crashedAt = image[0];
        int lost = image[1];
        if (crashedAt < 0) {
            throw new IllegalStateException("no batch of connects opened: the blocks were never far behind");
        }
        long start = System.nanoTime();
        try (ChainState chain = ChainState.open(imageDir, org.peerchain.consensus.ChainParams.REGTEST,
                new org.peerchain.events.EventBus(), pool, () -> clock)) {
            long opened = System.nanoTime();
            int from = crashedAt + 1 - lost;
            if (chain.height() != setup.size() + from) {
                throw new IllegalStateException("the crash image opened at " + chain.height() + ", expected "
                        + (setup.size() + from));
            }
            connectAll(chain, timed.subList(from, crashedAt + 1));
            long done = System.nanoTime();
            return new Replay(lost, (opened - start) / 1_000_000, (done - opened) / 1_000_000);
        }
    }

    /** Connects {@code blocks} in order, their signatures checked {@link #PREVERIFY_WINDOW} blocks ahead. */
    private static void connectAll(ChainState chain, List<Block> blocks) throws ValidationException {
        connectWhile(chain, blocks, i -> true);
    }

    /** {@link #connectAll}, with {@code after} told each block's index once it connected, until it says false. */
    private static void connectWhile(ChainState chain, List<Block> blocks, java.util.function.IntPredicate after)
            throws ValidationException {
        for (int i = 0; i < Math.min(PREVERIFY_WINDOW, blocks.size()); i++) {
            chain.preverify(blocks.get(i));
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (i + PREVERIFY_WINDOW < blocks.size()) {
                chain.preverify(blocks.get(i + PREVERIFY_WINDOW));
            }
            require(chain.processBlock(blocks.get(i)));
            if (!after.test(i)) {
                return;
            }
        }
    }

    private static void require(BlockOutcome outcome) {
        if (outcome != BlockOutcome.ACTIVE) {
            throw new IllegalStateException("a benchmark block did not connect: " + outcome);
        }
    }

    /** Ed25519 verifications per second with every core busy, on the same signatures. */
    static double rawVerifyRate(ExecutorService pool, int cores, List<Block> blocks) {
        List<TxInput> inputs = new ArrayList<>();
        List<Hash> messages = new ArrayList<>();
        for (Block b : blocks.subList(0, Math.min(blocks.size(), 4_000))) {
            for (Transaction tx : b.transactions().subList(1, b.transactions().size())) {
                inputs.add(tx.inputs().get(0));
                messages.add(tx.sigHash());
            }
        }
        // Warm up, then time every core verifying its share, three times: the best round is the machine's rate
        // (the conservative choice for verify_ratio).
        double best = 0;
        for (int round = 0; round < 1 + RAW_TIMED_ROUNDS; round++) {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> parts = new ArrayList<>();
            int per = (inputs.size() + cores - 1) / cores;
            for (int c = 0; c < cores; c++) {
                int from = c * per;
                int to = Math.min(inputs.size(), from + per);
                parts.add(CompletableFuture.runAsync(() -> {
                    for (int i = from; i < to; i++) {
                        if (!Ed25519Keys.verify(inputs.get(i).publicKey(), messages.get(i), inputs.get(i).signature())) {
                            throw new IllegalStateException("a benchmark signature does not verify");
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
            if (round > 0) {
                best = Math.max(best, inputs.size() / ((System.nanoTime() - start) / 1e9));
            }
        }
        return best;
    }
}
