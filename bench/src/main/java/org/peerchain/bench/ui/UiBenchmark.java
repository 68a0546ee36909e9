package org.peerchain.bench.ui;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.peerchain.bench.ExplorerBenchmark;
import org.peerchain.bench.LoopbackNodes;
import org.peerchain.bench.RegtestBlockBuilder;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.p2p.HostPort;
import org.peerchain.ui.WalletMain;

/**
 * {@code peerchain bench ui}: the desktop wallet's real window, measured two ways.
 * <ol>
 * <li>Smoothness: the window on a fresh data directory syncs {@code syncBlocks} blocks from a loopback peer while it
 *     mines on every core, and the screens are opened in turn, one a second. An animation timer notes every FX pulse;
 *     the gaps between pulses are the stalls a user would see ({@code fx_max_stall_ms}, {@code fx_p99_stall_ms}).</li>
 * <li>Start: a new process opens the wallet on a data directory holding a {@code startBlocks}-block chain;
 *     {@code wallet_start_ms} runs from starting that process to its window's first frame, and {@code wallet_rss_mb} is
 *     its resident memory once the node is ready and every screen has been opened ({@link WalletStartProbe}).</li>
 * </ol>
 * Needs a display: run it under {@code xvfb-run}.
 */
public final class UiBenchmark {
    public static final int DEFAULT_SYNC_BLOCKS = 20_000;
    public static final int DEFAULT_START_BLOCKS = 100_000;
    /** How long each screen stays open before the next is opened. */
    static final long SCREEN_DWELL_MILLIS = 1_000;
    /** The smoothness run lasts at least this long, with the miner running, even when the sync ends sooner. */
    static final long MIN_MEASURE_MILLIS = 20_000;
    private static final long SYNC_TIMEOUT_MILLIS = 20 * 60 * 1000L;
    private static final long PROBE_TIMEOUT_MILLIS = 5 * 60 * 1000L;
    /** How many kinds of work behind late pulses to print. */
    private static final int STALL_SIGNATURES = 15;

    private UiBenchmark() {
    }

    public static void run(PrintStream out, int syncBlocks, int startBlocks, Path startDir) throws Exception {
        if (System.getenv("DISPLAY") == null && !"Monocle".equals(System.getProperty("glass.platform"))) {
            throw new IllegalStateException("bench ui opens the real window and needs a display: run it as"
                    + " `xvfb-run -a java -jar target/peerchain.jar bench ui`");
        }
        Path root = Files.createTempDirectory("peerchain-bench-ui");
        try {
            Path chainDir = startDir != null ? startDir : root.resolve("start-chain");
            out.printf("Building (or reusing) a %,d-block chain in %s for the start measurement...%n", startBlocks,
                    chainDir);
            ExplorerBenchmark.buildChain(chainDir, startBlocks, out);
            StartFigures start = measureStart(out, chainDir);
            Smoothness smooth = measureSmoothness(out, root, syncBlocks);
            out.printf("fx_pulses: %d%n", smooth.pulses());
            out.printf("fx_p99_stall_ms: %.1f%n", smooth.p99Millis());
            out.printf("fx_max_stall_ms: %.1f%n", smooth.maxMillis());
            out.printf("fx_p99_stall_warm_ms: %.1f%n", smooth.warmP99Millis());
            out.printf("fx_max_stall_warm_ms: %.1f%n", smooth.warmMaxMillis());
            out.printf("wallet_start_ms: %d%n", start.firstFrameMillis());
            out.printf("wallet_ready_ms: %d%n", start.readyMillis());
            out.printf("wallet_rss_mb: %d%n", start.rssMb());
        } finally {
            LoopbackNodes.deleteTree(root);
        }
    }

    record StartFigures(long firstFrameMillis, long readyMillis, long rssMb) {
    }

    record Smoothness(int pulses, double p99Millis, double maxMillis, double warmP99Millis, double warmMaxMillis) {
    }

    /** Starts {@link WalletStartProbe} in a new JVM, as a user's double-click would, and reads what it reports. */
    private static StartFigures measureStart(PrintStream out, Path chainDir) throws IOException, InterruptedException {
        long launched = System.currentTimeMillis();
        ChildJvm.Result probe = ChildJvm.run(WalletStartProbe.class, List.of(chainDir.toString()), WalletStartProbe.REPORT,
                line -> { }, PROBE_TIMEOUT_MILLIS);
        Map<String, Long> figures = new TreeMap<>();
        for (String key : List.of(WalletStartProbe.FIRST_FRAME, WalletStartProbe.READY, WalletStartProbe.RSS_KB)) {
            if (!probe.report().containsKey(key)) {
                throw new IllegalStateException("the wallet start probe exited with " + probe.exitCode()
                        + " without reporting " + key + "; it reported " + probe.report());
            }
            figures.put(key, Long.parseLong(probe.report().get(key)));
        }
        StartFigures f = new StartFigures(figures.get(WalletStartProbe.FIRST_FRAME) - launched,
                figures.get(WalletStartProbe.READY) - launched, figures.get(WalletStartProbe.RSS_KB) / 1024);
        out.printf("Wallet on the %s chain: first frame %,d ms after the process started, node ready at %,d ms,"
                + " %,d MB resident after opening every screen%n", chainDir.getFileName(), f.firstFrameMillis(),
                f.readyMillis(), f.rssMb());
        return f;
    }

    /** The window in this JVM: syncing from a loopback peer and mining on every core while the screens are opened. */
    private static Smoothness measureSmoothness(PrintStream out, Path root, int syncBlocks) throws Exception {
        out.printf("Building %,d regtest blocks into a source node...%n", syncBlocks);
        Path sourceDir = root.resolve("source");
        Node source = LoopbackNodes.start(sourceDir, List.of(), LoopbackNodes.settings());
        try {
            RegtestBlockBuilder builder = new RegtestBlockBuilder();
            KeyHash payTo = KeyHash.wrap(new byte[KeyHash.LENGTH]);
            for (int i = 0; i < syncBlocks; i++) {
                source.submitBlock(builder.next(payTo, 0, List.of()));
            }
            Hash tip = source.chain().tip().hash();
            Path walletDir = root.resolve("wallet");
            // A payout address as a user would have chosen it: without one (and without a wallet) Start asks first.
            String payout = new org.peerchain.core.Address(ChainParams.REGTEST.addressPrefix(), payTo).toString();
            NodeConfig base = WalletMain.desktopConfig(ChainParams.REGTEST, walletDir, 0,
                    new PeerOptions(List.of(), List.of(LoopbackNodes.address(source)), LoopbackNodes.settings()));
            NodeConfig config = base.withMining(new org.peerchain.node.MiningConfig(false, base.mining().threads(), payout));
            Thread launcher = new Thread(() -> WalletMain.launch(config), "wallet-launch");
            launcher.start();
            WindowDriver window = WindowDriver.await();
            window.awaitReady();
            FxPulses pulses = FxPulses.install();
            long started = System.nanoTime();
            out.println("Window ready; mining on every core while syncing, opening each screen in turn...");
            window.startMiningOnAllCores();
            RpcClient rpc = RpcClient.forDataDir(walletDir);
            List<String> screens = WindowDriver.SCREENS;
            int opened = 0;
            List<Long> openTimes = new ArrayList<>();
            String firstRound = "";
            long syncedAt = -1;
            long deadline = System.currentTimeMillis() + SYNC_TIMEOUT_MILLIS;
            while (syncedAt < 0 || opened < 2 * screens.size()
                    || (System.nanoTime() - started) / 1_000_000 < MIN_MEASURE_MILLIS) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the wallet did not sync " + syncBlocks + " blocks in time");
                }
                if (opened == screens.size()) {
                    firstRound = pulses.stallReport(STALL_SIGNATURES);
                }
                openTimes.add(System.nanoTime());
                window.open(screens.get(opened % screens.size()));
                opened++;
                Thread.sleep(SCREEN_DWELL_MILLIS);
                if (syncedAt < 0 && rpc.call("getblockcount").getAsInt() >= syncBlocks) {
                    syncedAt = System.nanoTime();
                    out.printf("Synced %,d blocks in %.1f s while mining%n", syncBlocks, (syncedAt - started) / 1e9);
                }
            }
            out.printf("Best block hash of the source: %s; opened %d screens%n", tip, opened);
            long[] times = pulses.stop();
            window.stopMining();
            window.close();
            launcher.join(60_000);
            out.printf("First pulse at %s%n", java.time.Instant.now().minusNanos(System.nanoTime() - times[0]));
            out.printf("%,d pulses over %.1f s; the longest gaps: %s%n", times.length,
                    (times[times.length - 1] - times[0]) / 1e9, longest(times, 8, openTimes, screens, pulses));
            out.println("First round of screens, " + firstRound);
            out.println("Later, " + pulses.stallReport(STALL_SIGNATURES));
            double[] all = PulseGaps.p99AndMax(times, times[0], Long.MAX_VALUE);
            // from the second round of screens on: every screen has been built and styled once, the JIT has warmed
            long warmFrom = openTimes.get(Math.min(openTimes.size() - 1, screens.size()));
            int warmIndex = 0;
            while (warmIndex < times.length - 2 && times[warmIndex] < warmFrom) {
                warmIndex++;
            }
            double[] warm = PulseGaps.p99AndMax(times, times[warmIndex], Long.MAX_VALUE);
            out.printf("Once every screen had been opened (the last %.1f s): p99 %.1f ms, longest %.1f ms%n",
                    (times[times.length - 1] - times[warmIndex]) / 1e9, warm[0], warm[1]);
            out.println("Gaps over 20 ms by the screen shown: " + lateByScreen(times, 20, openTimes, screens));
            out.println("The longest gap in the second after each screen's first opening: "
                    + firstOpenings(times, openTimes, screens));
            return new Smoothness(times.length, all[0], all[1], warm[0], warm[1]);
        } finally {
            source.close();
        }
    }

    /**
     * How many gaps between pulses were longer than {@code overMillis}, counted by the screen shown when each ended,
     * in the first round of screens and after it: which screen's steady work, not its first opening, skips frames.
     */
    private static String lateByScreen(long[] times, long overMillis, List<Long> openTimes, List<String> screens) {
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 1; i < times.length; i++) {
            if (times[i] - times[i - 1] <= overMillis * 1_000_000) {
                continue;
            }
            int opened = -1;
            for (int j = 0; j < openTimes.size() && openTimes.get(j) <= times[i]; j++) {
                opened = j;
            }
            String screen = opened < 0 ? "(before the first)" : screens.get(opened % screens.size());
            counts.computeIfAbsent(screen, k -> new int[2])[opened < screens.size() ? 0 : 1]++;
        }
        StringBuilder s = new StringBuilder();
        counts.forEach((screen, c) -> s.append(String.format("%n  %-12s first round %3d, later %3d", screen, c[0], c[1])));
        return s.toString();
    }

    /** For each screen, the longest gap between pulses ending within a second of its first opening. */
    private static String firstOpenings(long[] times, List<Long> openTimes, List<String> screens) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < Math.min(screens.size(), openTimes.size()); j++) {
            long from = openTimes.get(j);
            s.append(String.format("%n  %-12s %.1f ms", screens.get(j),
                    PulseGaps.longest(times, from, from + 1_000_000_000L)));
        }
        return s.toString();
    }

    /**
     * The {@code n} longest gaps between pulses, each with the screen opened last before it ended and how long before:
     * whether a stall follows opening a screen or comes from elsewhere (the sync, the miner, the collector).
     */
    private static String longest(long[] times, int n, List<Long> openTimes, List<String> screens, FxPulses pulses) {
        Integer[] order = new Integer[times.length - 1];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[b + 1] - times[b], times[a + 1] - times[a]));
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < Math.min(n, order.length); k++) {
            int i = order[k];
            long end = times[i + 1];
            int opened = -1;
            for (int j = 0; j < openTimes.size() && openTimes.get(j) <= end; j++) {
                opened = j;
            }
            s.append(String.format("%n  %.1f ms at %.1f s", (end - times[i]) / 1e6, (end - times[0]) / 1e9));
            if (opened >= 0) {
                s.append(String.format(" (%.0f ms after opening %s)", (end - openTimes.get(opened)) / 1e6,
                        screens.get(opened % screens.size())));
            }
            String what = pulses.during(times[i], end, 6);
            if (!what.isEmpty()) {
                s.append(String.format("%n      %s", what));
            }
            String arrived = pulses.arrivedBefore(end);
            if (!arrived.isEmpty()) {
                s.append(String.format("%n      nodes: %s", arrived));
            }
        }
        return s.toString();
    }
}
