package org.peerchain.cli;

import java.util.concurrent.Callable;
import org.peerchain.bench.ConnectBenchmark;
import org.peerchain.bench.WalletBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peerchain bench NAME}: benchmarks that print their headline figures last, one {@code name: value} a line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark; its headline figures come last, one 'name: value' a line.",
        subcommands = {BenchCommand.Connect.class, BenchCommand.WalletBench.class})
public final class BenchCommand {
    @Command(name = "connect", mixinStandardHelpOptions = true,
            description = "Connect pre-built regtest blocks of signed transactions; compare signature checking with all cores' raw rate.")
    static final class Connect implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "10000", description = "blocks to connect (default: ${DEFAULT-VALUE})")
        int blocks;

        @Override
        public Integer call() throws Exception {
            ConnectBenchmark.run(System.out, blocks);
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
}
