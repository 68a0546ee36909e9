package org.peerchain.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.peerchain.bench.CrashSoak;
import org.peerchain.bench.ConnectBenchmark;
import org.peerchain.bench.ExplorerBenchmark;
import org.peerchain.bench.MiningBenchmark;
import org.peerchain.bench.WalletBenchmark;
import org.peerchain.bench.PropagationBenchmark;
import org.peerchain.bench.SyncBenchmark;
import org.peerchain.bench.ui.UiBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peerchain bench NAME}: benchmarks that print their headline figures last, one {@code name: value} a line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark; its headline figures come last, one 'name: value' a line.",
        subcommands = {BenchCommand.Connect.class, BenchCommand.Mining.class, BenchCommand.Tracker.class,
            BenchCommand.WalletBench.class, BenchCommand.Sync.class, BenchCommand.Propagation.class,
            BenchCommand.Soak.class, BenchCommand.Explorer.class, BenchCommand.Ui.class,
            BenchCommand.UiFloor.class})
public final class BenchCommand {
    @Command(name = "connect", mixinStandardHelpOptions = true,
            description = "Connect pre-built regtest blocks of signed transactions; compare signature checking with all cores' raw rate.")
    static final class Connect implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "10000", description = "blocks to connect (default: ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--coin-age", defaultValue = "1", description = "blocks between a coin's creation and its"
                + " spending (default: ${DEFAULT-VALUE}: each transaction spends an output of the block before)")
        int coinAge;

        @Option(names = "--txindex", description = "keep the transaction index while connecting (to measure its cost)")
        boolean txIndex;

        @Override
        public Integer call() throws Exception {
            if (coinAge < 1 || coinAge > 10_000) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--coin-age must be between 1 and 10000, not " + coinAge);
            }
            ConnectBenchmark.run(System.out, blocks, coinAge, txIndex);
            return 0;
        }
    }

    @Command(name = "explorer", mixinStandardHelpOptions = true,
            description = "Time the explorer's reads (a page of blocks, a block, a transaction, a search) on a long regtest chain.")
    static final class Explorer implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "100000", description = "blocks of the chain built (default: ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--samples", defaultValue = "500", description = "timed samples of each read (default: ${DEFAULT-VALUE})")
        int samples;

        @Option(names = "--datadir", description = "build the chain here, or reuse the chain already here")
        java.nio.file.Path datadir;

        @Override
        public Integer call() throws Exception {
            if (blocks < ExplorerBenchmark.DEFAULT_BLOCKS / 1000 || samples < 1) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--blocks must be at least 100 and --samples at least 1");
            }
            ExplorerBenchmark.run(System.out, blocks, samples, datadir);
            return 0;
        }
    }

    @Command(name = "ui", mixinStandardHelpOptions = true,
            description = "The wallet's real window (needs a display: run under xvfb-run): FX pulse stalls while it"
                    + " syncs from a loopback peer and mines on every core with each screen opened in turn; the time"
                    + " from a new process to its first frame on a long chain, and its resident memory.")
    static final class Ui implements Callable<Integer> {
        @Option(names = "--sync-blocks", defaultValue = "20000", description = "blocks the window syncs (default: ${DEFAULT-VALUE})")
        int syncBlocks;

        @Option(names = "--start-blocks", defaultValue = "100000",
                description = "blocks of the chain the start is measured on (default: ${DEFAULT-VALUE})")
        int startBlocks;

        @Option(names = "--start-datadir", description = "build the start chain here, or reuse the chain already here"
                + " (bench explorer --datadir builds the same chain)")
        Path startDir;

        @Override
        public Integer call() throws Exception {
            if (syncBlocks < 1 || startBlocks < 200) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--sync-blocks must be at least 1 and --start-blocks at least 200");
            }
            UiBenchmark.run(System.out, syncBlocks, startBlocks, startDir);
            return 0;
        }
    }

    @Command(name = "ui-floor", mixinStandardHelpOptions = true,
            description = "A bare JavaFX window of stock controls, nothing of PeerChain's (needs a display): FX pulse"
                    + " stalls as bench ui opens screens, with the cores idle and with them hashing as mining makes"
                    + " them: the floor under bench ui's figures on this machine.")
    static final class UiFloor implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            org.peerchain.bench.ui.FxFloor.run(System.out);
            return 0;
        }
    }

    @Command(name = "mining", mixinStandardHelpOptions = true,
            description = "Hash rates of a plain double SHA-256 loop and of the miner on one and all cores, and how"
                    + " fast new work reaches the mining threads (directly and from a tip change in a regtest node).")
    static final class Mining implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            MiningBenchmark.run(System.out);
            return 0;
        }
    }

    @Command(name = "tracker", mixinStandardHelpOptions = true,
            description = "Tracker announces and peer lists with 100,000 registered peers; a liveness sweep of 10,000 live peers.")
    static final class Tracker implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            org.peerchain.tracker.bench.TrackerBenchmark.run(System.out);
            return 0;
        }
    }

    @Command(name = "wallet", mixinStandardHelpOptions = true,
            description = "Build and sign a send among 10,000 unspent outputs; restore a wallet by rescanning a stored chain.")
    static final class WalletBench implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "20000", description = "blocks of the chain the restore scans (default: ${DEFAULT-VALUE})")
        int blocks;

        @Override
        public Integer call() throws Exception {
            WalletBenchmark.run(System.out, blocks);
            return 0;
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "A fresh node downloads regtest blocks over loopback from one peer, then from three.")
    static final class Sync implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "20000", description = "blocks to sync (default: ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--txindex", description = "the syncing node keeps the transaction index (to measure its cost)")
        boolean txIndex;

        @Override
        public Integer call() throws Exception {
            SyncBenchmark.run(System.out, blocks, txIndex);
            return 0;
        }
    }

    @Command(name = "propagation", mixinStandardHelpOptions = true,
            description = "Block and transaction propagation over 16 loopback nodes in a random graph.")
    static final class Propagation implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            PropagationBenchmark.run(System.out);
            return 0;
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = "Crash soak: kill a mining regtest node (a child JVM) that syncs from a second mining node with"
                    + " SIGKILL at random moments, restart it and check its database, tip, UTXO set and wallet after each restart.")
    static final class Soak implements Callable<Integer> {
        @Option(names = "--kills", defaultValue = "50", description = "times the node is killed (default: ${DEFAULT-VALUE})")
        int kills;

        @Option(names = "--max-delay-ms", defaultValue = "4000",
                description = "a kill comes at a random moment up to this long after the node answers RPC (default: ${DEFAULT-VALUE})")
        long maxDelayMs;

        @Option(names = "--seed", description = "random seed of the kill moments (default: the time)")
        Long seed;

        @Option(names = "--datadir", description = "the node's data directory (default: a new temporary one); the source"
                + " node's is beside it, named <datadir>-source")
        Path dataDir;

        @Option(names = "--no-sync", description = "run the child alone, without a source node to sync from")
        boolean noSync;

        @Override
        public Integer call() throws Exception {
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("peerchain-soak").resolve("node");
            CrashSoak.Result r = new CrashSoak(new CrashSoak.Options(dir, kills, Duration.ofMillis(maxDelayMs),
                    seed != null ? seed : System.nanoTime(), List.of("-Xmx256m", "--add-opens", "java.base/sun.security.provider=ALL-UNNAMED"), !noSync), System.out).run();
            return r.clean() == kills ? 0 : 1;
        }
    }
}
