package org.peerchain.cli;

import java.nio.file.Path;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.DataDirectory;
import picocli.CommandLine.Option;

/** The options every node-running command shares: which network, and where its data lives. */
public final class NetworkOptions {
    @Option(names = "--network", defaultValue = "main", description = "main, test or regtest (default: ${DEFAULT-VALUE})")
    String network;

    @Option(names = "--datadir", description = "data directory (default: ~/.peerchain/<network>, or $PEERCHAIN_HOME/<network>)")
    Path dataDir;

    public ChainParams params() {
        return ChainParams.forName(network);
    }

    public Path dataDir() {
        return dataDir != null ? dataDir : DataDirectory.defaultFor(network);
    }
}
