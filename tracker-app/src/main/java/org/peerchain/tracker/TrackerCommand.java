package org.peerchain.tracker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peerchain tracker}: the rendezvous server. With {@code --headless} it serves until stopped
 * (Ctrl-C closes it in order); without, it opens the admin window, found as this build's {@link AdminWindow}
 * (the command never names the window's classes). Loads no JavaFX class when headless.
 */
@Command(name = "tracker", mixinStandardHelpOptions = true,
        description = "Run the PeerChain tracker (rendezvous server); opens the admin window unless --headless.")
public final class TrackerCommand implements Callable<Integer> {
    @Option(names = "--headless", description = "Serve without a window.")
    boolean headless;

    @Option(names = "--port", description = "TCP port for nodes (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = TrackerConfig.DEFAULT_PORT;

    @Option(names = "--db", description = "Registry database file (default ${DEFAULT-VALUE}).")
    Path db = defaultDatabase();

    @Option(names = "--ping-interval", description = "Seconds between liveness sweeps (default ${DEFAULT-VALUE}).")
    long pingIntervalSeconds = TrackerConfig.DEFAULT_PING_INTERVAL.toSeconds();

    @Option(names = "--status-port", description = "Serve GET /peers, GET /metrics and the admin actions (with the admin"
            + " cookie written beside the database) on this port (off by default).")
    Integer statusPort;

    @Option(names = "--status-bind", description = "Address of the status port (default ${DEFAULT-VALUE}).")
    String statusBind = TrackerConfig.DEFAULT_STATUS_BIND;

    @Option(names = "--bind", description = "Address to listen on for nodes (default ${DEFAULT-VALUE}: all).")
    String bind = "0.0.0.0";

    @Option(names = "--max-peers-per-ip", description = "Registrations allowed per address (default ${DEFAULT-VALUE}).")
    int maxPeersPerIp = TrackerConfig.DEFAULT_MAX_PEERS_PER_IP;

    @Option(names = "--announce-rate", description = "Requests per second allowed per address, on average (default ${DEFAULT-VALUE}).")
    double announceRate = TrackerConfig.DEFAULT_ANNOUNCES_PER_SECOND_PER_IP;

    @Option(names = "--announce-burst", description = "Requests per address allowed in a burst (default ${DEFAULT-VALUE}).")
    int announceBurst = TrackerConfig.DEFAULT_ANNOUNCE_BURST;

    @Option(names = "--expiry", description = "Seconds without a re-announce before a peer is deleted (default ${DEFAULT-VALUE}).")
    long expirySeconds = TrackerConfig.DEFAULT_EXPIRY.toSeconds();

    /** Runs the command as {@code peerchain tracker ARGS}; returns the exit code. */
    public static int run(String... args) {
        return new picocli.CommandLine(new TrackerCommand()).execute(args);
    }

    @Option(names = "--dark", description = "Open the admin window in the dark theme (or -Dpeerchain.theme=dark).")
    boolean dark;

    /** The system property the wallet window also reads: {@code -Dpeerchain.theme=dark}. */
    static final String THEME_PROPERTY = "peerchain.theme";

    public static Path defaultDatabase() {
        return Path.of(System.getProperty("user.home"), ".peerchain", "tracker.db");
    }

    TrackerConfig config() {
        if (pingIntervalSeconds < 1) {
            throw new IllegalArgumentException("--ping-interval must be at least 1 second, not " + pingIntervalSeconds);
        }
        if (expirySeconds < 1) {
            throw new IllegalArgumentException("--expiry must be at least 1 second, not " + expirySeconds);
        }
        TrackerConfig c = TrackerConfig.defaults(port, db).withBindAddress(bind)
                .withPingInterval(Duration.ofSeconds(pingIntervalSeconds)).withMaxPeersPerIp(maxPeersPerIp)
                .withExpiry(Duration.ofSeconds(expirySeconds)).withAnnounceRate(announceRate, announceBurst);
        return statusPort == null ? c : c.withStatus(statusBind, statusPort);
    }

    @Override
    public Integer call() throws Exception {
        TrackerConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("peerchain tracker: " + e.getMessage());
            return 2;
        }
        if (!headless) {
            Optional<AdminWindow> window = AdminWindow.find();
            if (window.isEmpty()) {
                System.err.println("peerchain tracker: this build has no admin window (JavaFX is missing); run with --headless");
                return 1;
            }
            window.get().open(config, dark || "dark".equalsIgnoreCase(System.getProperty(THEME_PROPERTY)));
            return 0;
        }
        Tracker tracker;
        try {
            tracker = Tracker.start(config);
        } catch (java.io.IOException e) {
            System.err.println("peerchain tracker: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            tracker.close();
            stopped.countDown();
        }, "tracker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("tracker listening on port " + tracker.port()
                + (tracker.statusPort() > 0 ? ", status on " + config.statusBindAddress() + ":" + tracker.statusPort() : "")
                + ", database " + config.database().toAbsolutePath()
                + tracker.adminCookieFile().map(f -> ", admin cookie " + f).orElse(""));
        stopped.await();
        return 0;
    }
}
