package org.peerchain.ui.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;

/**
 * How the desktop's node starts: the settings' listen port, trackers, fixed peers and payout address merged with
 * what the command line gave. The command line wins: its port and payout address replace the settings', and its
 * trackers and peers come first, the settings' added after them (without repeats). A settings entry that cannot be
 * read (a hand-edited file) is left out and named in {@link #problems()}, so the node still starts.
 *
 * @param p2pPort the port to listen on (0: any free port)
 * @param peers the trackers and fixed peers, with the command line's limits and {@code --connect-only}
 * @param mineTo where mined coins go, or null for the wallet's own mining address
 * @param hostTrackerPort the port of a tracker the wallet hosts, or {@link AppSettings#NO_TRACKER}
 * @param problems settings entries left out, in words; empty when all were used
 */
public record NodeStartOptions(int p2pPort, PeerOptions peers, String mineTo, int hostTrackerPort,
        List<String> problems) {
    public NodeStartOptions {
        problems = List.copyOf(problems);
    }

    /**
     * What the command line said, as typed.
     *
     * @param port {@code --port}, or null when not given
     * @param discover {@code --discover} (true) or {@code --no-discover} (false), or null when neither was given
     * @param mineTo {@code --mine-to}, or null when not given
     */
    public record CommandLine(Integer port, List<String> trackers, List<String> connect, boolean connectOnly,
            Boolean discover, String mineTo) {
        public static final CommandLine NONE = new CommandLine(null, List.of(), List.of(), false, null, null);

        public CommandLine {
            trackers = List.copyOf(trackers);
            connect = List.copyOf(connect);
        }
    }

    /**
     * Merges {@code settings} under {@code commandLine} for {@code params}' network.
     *
     * @throws IllegalArgumentException when a command-line address cannot be read (the command line checks them first)
     */
    public static NodeStartOptions merge(AppSettings settings, ChainParams params, CommandLine commandLine) {
        List<String> problems = new ArrayList<>();
        int port = commandLine.port() != null ? commandLine.port()
                : settings.listenPort() == AppSettings.DEFAULT_PORT ? params.defaultPort() : settings.listenPort();
        List<String> trackers = union(commandLine.trackers(), settings.trackers(), PeerOptions.DEFAULT_TRACKER_PORT,
                "tracker", problems);
        List<String> connect = union(commandLine.connect(), settings.peers(), params.defaultPort(), "peer", problems);
        Boolean discover = commandLine.discover() != null ? commandLine.discover() : settings.discover();
        PeerOptions peers = PeerOptions.parse(trackers, connect, commandLine.connectOnly(), discover, params);
        String mineTo = commandLine.mineTo() != null ? commandLine.mineTo()
                : settings.payoutAddress().isEmpty() ? null : settings.payoutAddress();
        return new NodeStartOptions(port, peers, mineTo, settings.hostTrackerPort(), problems);
    }

    /** {@code config} (as the command line built it) with these options: port, peers and payout address. */
    public NodeConfig applyTo(NodeConfig config) {
        MiningConfig m = config.mining();
        return config.withP2pPort(p2pPort).withPeers(peers).withMining(new MiningConfig(m.mine(), m.threads(), mineTo))
                .withHostTracker(hostTrackerPort == AppSettings.NO_TRACKER ? NodeConfig.OFF : hostTrackerPort);
    }

    private static List<String> union(List<String> first, List<String> more, int defaultPort, String what,
            List<String> problems) {
        List<String> out = new ArrayList<>(first);
        List<String> seen = new ArrayList<>();
        for (String a : first) {
            try {
                seen.add(key(a, defaultPort));
            } catch (IllegalArgumentException e) {
                // the node's own reading accepted it; it can only repeat a settings entry written the same way
                seen.add(a.strip().toLowerCase(Locale.ROOT));
            }
        }
        for (String a : more) {
            String key;
            try {
                key = key(a, defaultPort);
            } catch (IllegalArgumentException e) {
                problems.add("The " + what + " '" + a + "' in the settings was left out: " + e.getMessage());
                continue;
            }
            if (!seen.contains(key)) {
                seen.add(key);
                out.add(a);
            }
        }
        return out;
    }

    /** The same address however it was written: a bare host and host:defaultPort, any letter case. */
    private static String key(String address, int defaultPort) {
        return NetworkAddress.parse(address, defaultPort).toString().toLowerCase(Locale.ROOT);
    }
}
