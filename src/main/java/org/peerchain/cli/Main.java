package org.peerchain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of {@code peerchain.jar}. Without arguments it opens the wallet. It does not
 * extend {@code Application}, so the headless subcommands never load JavaFX.
 */
@Command(name = "peerchain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "PeerChain: a peer-to-peer cryptocurrency node, miner, wallet and tracker.",
        subcommands = {
            WalletCommand.class,
            NodeCommand.class,
            BenchCommand.class,
            RpcCommand.class,
            org.peerchain.tracker.TrackerCommand.class,
        })
public final class Main implements Runnable {
    public static void main(String[] args) {
        LogFile.installIfInstalledApp();
        System.exit(commandLine().execute(args.length == 0 ? new String[] {"wallet"} : args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
