package org.peerchain.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.ChainState;
import org.peerchain.chain.UtxoStats;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.Coin;
import org.peerchain.core.Address;
import org.peerchain.core.Amount;
import org.peerchain.core.Block;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.events.EventBus;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.p2p.NamedThreadFactory;
import org.peerchain.p2p.P2pSettings;
import org.peerchain.wallet.KeyChain;
import org.peerchain.wallet.KeyPath;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.Wallet;
import org.peerchain.wallet.WalletBalances;

/**
 * The crash soak: a mining, syncing regtest node runs as a child JVM and is killed with SIGKILL at random
 * moments; after each kill it is started again and checked: over RPC (its tip, {@code gettxoutsetinfo}),
 * then, once stopped cleanly, from its files (SQLite's integrity check, the stored best chain against the
 * tip it reported, the UTXO set against a replay of the stored blocks and against the subsidies issued, and
 * the wallet's keys and balance against the UTXO set). A restart is clean when every check passes.
 *
 * <p>With {@link Options#syncSource} the soak also runs a second, in-process node that mines to its own key
 * and listens on loopback. Before each run of the child the source mines a burst of blocks (100 to 1,000)
 * on the chain both share, so the child starts each run behind: it connects to the source
 * ({@code --connect}) and, while it mines on its own tip, downloads the burst and reorganises onto it
 * once it has more work. The kills land in that sync as well as in mining. The restarts that are checked
 * dial nobody ({@code --connect-only} with no peer), so the tip they report stays put until they stop.
 */
public final class CrashSoak {
    /** The password of the soak's wallet; the keystore uses the fewest iterations, for speed. */
    static final char[] PASSWORD = "soak password".toCharArray();
    /** How long a child node may take to answer RPC after it starts. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How long the source may take to mine a burst (a regtest miner pauses once it is two hours ahead). */
    static final Duration BURST_TIMEOUT = Duration.ofSeconds(30);
    static final int MIN_BURST = 100;
    static final int MAX_BURST = 1_000;
    /** How long a child node may take to stop after {@code stop}. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final ChainParams PARAMS = ChainParams.REGTEST;

    /**
     * @param kills          how many times the node is killed
     * @param maxKillDelay   a kill comes at a random moment up to this long after the node answers RPC
     * @param seed           the random seed of the kill moments (printed, so a run can be repeated)
     */
    public record Options(Path dataDir, int kills, Duration maxKillDelay, long seed, List<String> childJvmArgs,
            boolean syncSource) {
    }

    /**
     * What one restart showed: clean, or the first check that failed; the stored tip's height, and how many
     * blocks of the stored active chain the source mined (their coinbase pays none of the wallet's keys).
     */
    public record Restart(int number, boolean clean, int height, int fromSource, String problem) {
    }

    public record Result(List<Restart> restarts) {
        public long clean() {
            return restarts.stream().filter(Restart::clean).count();
        }

        /**
         * Restarts that found a higher tip than the restart before: the node was connecting mined blocks in the
         * run that was killed (a regtest miner pauses once block times run two hours ahead of the clock).
         */
        public long afterNewBlocks() {
            return rises(Restart::height);
        }

        /** Restarts that found more of the source's blocks in the active chain than the restart before. */
        public long afterSync() {
            return rises(Restart::fromSource);
        }

        /** Restarts at which {@code figure} went above its highest value at the restarts before. */
        private long rises(java.util.function.ToIntFunction<Restart> figure) {
            long n = 0;
            int previous = 0;
            for (Restart r : restarts) {
                if (figure.applyAsInt(r) > previous) {
                    n++;
                }
                previous = Math.max(previous, figure.applyAsInt(r));
            }
            return n;
        }
    }

    /** A kill aimed at a batch boundary comes at most this long after the log says the batch was stored. */
    static final int BATCH_KILL_SPREAD_MILLIS = 20;
    private final Options options;
    private final PrintStream out;
    private int batchKills;
    private final Random random;
    private Address firstReceiveAddress;
    /** Set by {@link #checkFiles}: the active chain's blocks whose coinbase pays none of the wallet's keys. */
    private int lastFromSource;
    private Node source;

    public CrashSoak(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.random = new Random(options.seed());
    }

    /** Runs the soak; prints one line per restart and the headline figures last. */
    public Result run() throws Exception {
        Path dir = options.dataDir();
        Files.createDirectories(dir);
        if (!Wallet.exists(dir)) {
            try (RecoveryPhrase phrase = RecoveryPhrase.generate(new java.security.SecureRandom())) {
                Wallet.create(dir, PARAMS, PASSWORD.clone(), phrase, "", false, Keystore.MIN_ITERATIONS);
            }
        }
        firstReceiveAddress = firstReceiveAddress(dir);
        out.println("soak: data directory " + dir + ", " + options.kills() + " kills, seed " + options.seed()
                + ", wallet " + firstReceiveAddress);
        if (options.syncSource()) {
            source = startSource(dir.resolveSibling(dir.getFileName() + "-source"));
            out.println("soak: the child syncs from a mining source node on 127.0.0.1:" + source.p2pPort() + " ("
                    + source.config().dataDir() + ")");
        }
        try {
            return killAndRestart(dir);
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }

    private Result killAndRestart(Path dir) throws Exception {
        List<Restart> restarts = new ArrayList<>();
        for (int i = 1; i <= options.kills(); i++) {
            if (source != null) {
                mineBurst(MIN_BURST + random.nextInt(MAX_BURST - MIN_BURST + 1));
            }
            Process node = startNode(dir, true);
            try {
                long logStart = Files.exists(logFile(dir)) ? Files.size(logFile(dir)) : 0;
                awaitRpc(dir, node);
                long delay = (long) (random.nextDouble() * options.maxKillDelay().toMillis());
                if (source != null && i % 2 == 0) {
                    // Every other kill is aimed at a batch boundary of the sync: a few milliseconds after the
                    // log says a batch was stored, as the next batch begins (or at the random moment, when this
                    // burst was too short to be batched).
                    if (awaitBatchStored(dir, logStart, node, 1 + random.nextInt(3))) {
                        batchKills++;
                        delay = random.nextInt(BATCH_KILL_SPREAD_MILLIS + 1);
                    }
                }
                if (node.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the node exited by itself with " + node.exitValue() + "; see "
                            + logFile(dir));
                }
                // SIGKILL, as a power cut or the OOM killer would
                node.destroyForcibly();
                node.waitFor();
            } finally {
                node.destroyForcibly();
            }
            Restart r = restartAndCheck(i, dir);
            restarts.add(r);
            out.println("restart " + i + ": " + (r.clean() ? "clean" : "NOT CLEAN: " + r.problem()) + " at height " + r.height()
                    + (source == null ? "" : ", " + r.fromSource() + " blocks from the source (its tip "
                            + source.chain().tip().height() + ")"));
        }
        Result result = new Result(restarts);
        out.println("kills: " + options.kills());
        out.println("kills_after_new_blocks: " + result.afterNewBlocks());
        if (source != null) {
            out.println("kills_after_sync: " + result.afterSync());
            out.println("blocks_from_source: " + (restarts.isEmpty() ? 0 : restarts.get(restarts.size() - 1).fromSource()));
            out.println("kills_at_batch_boundary: " + batchKills);
        }
        out.println("clean_restarts: " + result.clean());
        out.println("final_height: " + (restarts.isEmpty() ? 0 : restarts.get(restarts.size() - 1).height()));
        return result;
    }

    /**
     * Waits until the node's log, from {@code offset} on, says {@code batches} batches of connected blocks were
     * stored; false when that did not happen within the longest kill delay.
     */
    private boolean awaitBatchStored(Path dir, long offset, Process node, int batches) throws Exception {
        long deadline = System.nanoTime() + options.maxKillDelay().toNanos();
        while (System.nanoTime() < deadline && node.isAlive()) {
            if (countBatchLines(logFile(dir), offset) >= batches) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    private static int countBatchLines(Path log, long offset) throws IOException {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(log)) {
            ch.position(offset);
            String text = new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            int n = 0;
            for (int at = text.indexOf(ChainState.BATCH_LOG); at >= 0; at = text.indexOf(ChainState.BATCH_LOG, at + 1)) {
                n++;
            }
            return n;
        }
    }

    private Restart restartAndCheck(int number, Path dir) throws Exception {
        Process node = startNode(dir, false);
        int height = -1;
        try {
            RpcClient rpc = awaitRpc(dir, node);
            height = rpc.call("getblockcount").getAsInt();
            String bestHash = rpc.call("getbestblockhash").getAsString();
            JsonObject info = rpc.call("gettxoutsetinfo").getAsJsonObject();
            rpc.call("stop");
            if (!node.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Restart(number, false, height, 0, "the node did not stop within " + STOP_TIMEOUT);
            }
            String problem = checkFiles(dir, height, bestHash, info);
            return new Restart(number, problem == null, height, lastFromSource, problem);
        } catch (IOException | RpcException | IllegalStateException e) {
            return new Restart(number, false, height, 0, "after restart: " + e.getMessage());
        } finally {
            node.destroyForcibly();
            node.waitFor();
        }
    }

    /**
     * The checks made on a stopped node's files; null when all pass, else what failed. Public so that a
     * second (syncing) node's directory can be checked the same way.
     */
    public String checkFiles(Path dir, int reportedHeight, String reportedBest, JsonObject reportedUtxo) throws Exception {
        ExecutorService verify = Executors.newSingleThreadExecutor(new NamedThreadFactory("soak-verify"));
        try (ChainState chain = ChainState.open(dir, PARAMS, new EventBus(), verify, Node::nowSeconds)) {
            String integrity = chain.integrityCheck();
            if (!"ok".equals(integrity)) {
                return "PRAGMA integrity_check: " + integrity;
            }
            BlockIndexEntry tip = chain.tip();
            if (tip.height() != reportedHeight || !tip.hash().toHex().equals(reportedBest)) {
                return "the node reported tip " + reportedHeight + " " + reportedBest + " but the stored best chain ends at "
                        + tip.height() + " " + tip.hash();
            }
            UtxoStats stats = chain.utxoStats();
            String utxo = checkReportedUtxo(stats, reportedUtxo);
            if (utxo != null) {
                return utxo;
            }
            Map<OutPoint, Coin> replayed = new HashMap<>();
            Set<KeyHash> ours = new HashSet<>(walletKeyHashes(dir));
            String replay = checkAgainstReplay(chain, stats, replayed, ours);
            if (replay != null) {
                return replay;
            }
            String coins = checkCoins(chain, replayed);
            if (coins != null) {
                return coins;
            }
            return checkWallet(dir, chain, stats, replayed, ours);
        } finally {
            verify.shutdownNow();
        }
    }

    private static String checkReportedUtxo(UtxoStats stats, JsonObject r) {
        long reportedTotal = r.get("total_amount").getAsBigDecimal().movePointRight(Amount.DECIMALS)
                .longValueExact();
        if (r.get("height").getAsInt() != stats.height() || !r.get("bestblock").getAsString().equals(stats.bestBlock().toHex())
                || r.get("txouts").getAsLong() != stats.txouts() || reportedTotal != stats.totalAmount()) {
            return "gettxoutsetinfo " + r + " does not match the stored UTXO set " + stats;
        }
        return null;
    }

    /**
     * Replays the stored active chain from block 1: the UTXO set it gives must be the stored one, and its
     * total the subsidies of heights 1..tip less what coinbases left unclaimed (fees only move coins).
     */
    private String checkAgainstReplay(ChainState chain, UtxoStats stats, Map<OutPoint, Coin> utxo, Set<KeyHash> ours) {
        long subsidies = 0;
        long unclaimed = 0;
        lastFromSource = 0;
        for (int h = 1; h <= stats.height(); h++) {
            Block block = chain.block(chain.entryAt(h).hash());
            if (block.transactions().get(0).outputs().stream().noneMatch(o -> ours.contains(o.keyHash()))) {
                lastFromSource++;
            }
            long fees = 0;
            long coinbaseOut = 0;
            for (Transaction tx : block.transactions()) {
                long in = 0;
                if (!tx.isCoinbase()) {
                    for (TxInput input : tx.inputs()) {
                        Coin v = utxo.remove(input.prevout());
                        if (v == null) {
                            return "block " + h + " spends " + input.prevout() + ", which the replay does not have";
                        }
                        in += v.output().amount();
                    }
                }
                long outs = 0;
                List<TxOutput> outputs = tx.outputs();
                for (int i = 0; i < outputs.size(); i++) {
                    utxo.put(new OutPoint(tx.txid(), i), new Coin(outputs.get(i), h, tx.isCoinbase()));
                    outs += outputs.get(i).amount();
                }
                if (tx.isCoinbase()) {
                    coinbaseOut = outs;
                } else {
                    fees += in - outs;
                }
            }
            long subsidy = PARAMS.subsidy(h);
            subsidies += subsidy;
            if (coinbaseOut > subsidy + fees) {
                return "the coinbase of block " + h + " claims " + coinbaseOut + ", more than subsidy and fees " + (subsidy + fees);
            }
            unclaimed += subsidy + fees - coinbaseOut;
        }
        long total = utxo.values().stream().mapToLong(c -> c.output().amount()).sum();
        if (utxo.size() != stats.txouts() || total != stats.totalAmount()) {
            return "the replay of blocks 1.." + stats.height() + " gives " + utxo.size() + " outputs worth " + total
                    + " but the stored UTXO set has " + stats.txouts() + " worth " + stats.totalAmount();
        }
        if (stats.totalAmount() != subsidies - unclaimed) {
            return "the UTXO total " + stats.totalAmount() + " is not the subsidies " + subsidies + " less unclaimed " + unclaimed;
        }
        return null;
    }

    /**
     * Coin by coin: every coin of the replay is in the stored UTXO set (table and log) with the same value, height
     * and origin, and the set's digest is the replay's (so it holds nothing more), computed here on its own.
     */
    private static String checkCoins(ChainState chain, Map<OutPoint, Coin> replayed) {
        for (Map.Entry<OutPoint, Coin> e : replayed.entrySet()) {
            Coin stored = chain.coin(e.getKey());
            if (!e.getValue().equals(stored)) {
                return "the stored UTXO set has " + stored + " for " + e.getKey() + "; the replay has " + e.getValue();
            }
        }
        List<Map.Entry<OutPoint, Coin>> sorted = new ArrayList<>(replayed.entrySet());
        sorted.sort((a, b) -> {
            int c = java.util.Arrays.compareUnsigned(a.getKey().txid().toBytes(), b.getKey().txid().toBytes());
            return c != 0 ? c : Long.compare(a.getKey().index(), b.getKey().index());
        });
        java.security.MessageDigest d = org.peerchain.core.Hash.sha256();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * 4);
        for (Map.Entry<OutPoint, Coin> e : sorted) {
            Coin c = e.getValue();
            d.update(e.getKey().txid().toBytes());
            b.clear();
            b.putLong(e.getKey().index()).putLong(c.output().amount()).putLong(c.height()).putLong(c.coinbase() ? 1 : 0);
            d.update(b.array());
            d.update(c.output().keyHash().toBytes());
        }
        org.peerchain.core.Hash replayDigest = org.peerchain.core.Hash.wrap(d.digest());
        org.peerchain.core.Hash storedDigest = chain.utxoDigest();
        if (!replayDigest.equals(storedDigest)) {
            return "the stored UTXO set's digest " + storedDigest + " is not the replay's " + replayDigest
                    + " (it holds coins the replay does not)";
        }
        return null;
    }

    private String checkWallet(Path dir, ChainState chain, UtxoStats stats, Map<OutPoint, Coin> utxo, Set<KeyHash> ours)
            throws Exception {
        Address first = firstReceiveAddress(dir);
        if (!first.equals(firstReceiveAddress)) {
            return "the wallet's first receive address is now " + first + ", was " + firstReceiveAddress;
        }
        long paysWallet = utxo.values().stream().map(Coin::output).filter(o -> ours.contains(o.keyHash()))
                .mapToLong(TxOutput::amount).sum();
        try (Wallet wallet = Wallet.open(dir, chain, new EventBus(), tx -> {
            throw new IllegalStateException("the soak sends nothing");
        }, Clock.systemUTC())) {
            WalletBalances b = wallet.balances();
            if (b.total() > stats.totalAmount() || b.total() != paysWallet) {
                return "the wallet's balance " + b + " is not the " + paysWallet + " the UTXO set pays its keys (UTXO total "
                        + stats.totalAmount() + ")";
            }
        }
        return null;
    }

    /** Every key the wallet can have handed out: the issued ones and the keypool after them, on both chains. */
    private static List<KeyHash> walletKeyHashes(Path dir) throws Exception {
        Set<KeyHash> out = new HashSet<>();
        try (Keystore ks = Keystore.open(dir.resolve(Wallet.KEYSTORE_FILE), PASSWORD.clone()); KeyChain keys = ks.keyChain()) {
            for (int chainNo : new int[] {KeyPath.RECEIVE, KeyPath.CHANGE}) {
                int n = ks.counters().next(chainNo) + Wallet.KEYPOOL_SIZE;
                for (int i = 0; i < n; i++) {
                    out.add(KeyHash.of(keys.publicKey(new KeyPath(chainNo, i))));
                }
            }
        }
        return List.copyOf(out);
    }

    private static Address firstReceiveAddress(Path dir) throws Exception {
        try (Keystore ks = Keystore.open(dir.resolve(Wallet.KEYSTORE_FILE), PASSWORD.clone()); KeyChain keys = ks.keyChain()) {
            return Address.ofPublicKey(PARAMS.addressPrefix(), keys.publicKey(new KeyPath(KeyPath.RECEIVE, 0)));
        }
    }

    private Process startNode(Path dir, boolean mine) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options.childJvmArgs());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.peerchain.cli.Main", "node",
                "--network", PARAMS.name(), "--datadir", dir.toString(), "--rpc-port", "0", "--port", "0"));
        if (!mine) {
            cmd.add("--connect-only");
        } else {
            cmd.addAll(List.of("--mine", "--threads", "1"));
            if (source != null) {
                cmd.addAll(List.of("--connect", "127.0.0.1:" + source.p2pPort()));
            }
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(dir).toFile()));
        Process p = pb.start();
        p.getOutputStream().close(); // the node reads nothing from its standard input
        return p;
    }

    /** The source the child syncs from: mines (in bursts) to its own key, listens on loopback, dials nobody. */
    private static Node startSource(Path dir) throws Exception {
        Files.createDirectories(dir);
        return Node.start(new NodeConfig(PARAMS, dir, NodeConfig.OFF, 0,
                new PeerOptions(List.of(), List.of(), P2pSettings.forLoopbackTests().withDiscovery(false)),
                new MiningConfig(false, 1, null)));
    }

    /** The source mines {@code n} blocks on its tip (fewer if its miner pauses for the clock), then stops. */
    private void mineBurst(int n) throws InterruptedException {
        int target = source.chain().tip().height() + n;
        long deadline = System.nanoTime() + BURST_TIMEOUT.toNanos();
        source.mining().start();
        try {
            while (source.chain().tip().height() < target && System.nanoTime() < deadline) {
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            source.mining().stop();
        }
    }

    static Path logFile(Path dir) {
        return dir.resolveSibling(dir.getFileName() + "-node.log");
    }

    /**
     * Waits until the node in {@code dir} answers RPC. A killed node leaves its old ports.json and cookie
     * behind, so a call is tried until it succeeds against the new process's files.
     */
    private static RpcClient awaitRpc(Path dir, Process node) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no ports.json yet";
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new IllegalStateException("the node exited with " + node.exitValue() + " while starting; see " + logFile(dir));
            }
            try {
                RpcClient rpc = RpcClient.forDataDir(dir);
                JsonElement count = rpc.call("getblockcount");
                if (count instanceof JsonPrimitive) {
                    return rpc;
                }
            } catch (IOException | RpcException | RuntimeException e) {
                last = e.getMessage();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the node did not answer RPC within " + START_TIMEOUT + ": " + last);
    }
}
