package org.peerchain.tracker;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.peerchain.p2p.NodeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tracker: registry (SQLite), TCP server, liveness pinger and, if configured, the status
 * server. {@link #start} opens everything; {@link #close} stops in order (no new connections, no new
 * pings, registry flushed) and is quick.
 */
public final class Tracker implements AutoCloseable {
    private static final String META_NODE_KEY = "tracker_node_key";
    private static final Logger log = LoggerFactory.getLogger(Tracker.class);

    private final TrackerConfig config;
    private final RegistryStore store;
    private final PeerRegistry registry;
    private final TrackerMetrics metrics = new TrackerMetrics();
    private final NodeKey nodeKey;
    private LivenessPinger pinger;
    private TrackerServer server;
    private StatusServer status;

    private Tracker(TrackerConfig config) throws IOException {
        this.config = config;
        try {
            store = new RegistryStore(config.database());
        } catch (SQLException e) {
            throw new IOException("cannot open tracker database " + config.database() + ": " + e.getMessage(), e);
        }
        try {
            // the key the liveness pinger proves itself with in each handshake; its id stays the same across restarts
            Optional<String> seed = store.meta(META_NODE_KEY);
            nodeKey = seed.map(NodeKey::fromSeed).orElseGet(NodeKey::generate);
            if (seed.isEmpty()) {
                store.putMeta(META_NODE_KEY, nodeKey.seedHex());
            }
            registry = new PeerRegistry(store, System::currentTimeMillis);
        } catch (SQLException e) {
            closeStore();
            throw new IOException("cannot read tracker database " + config.database() + ": " + e.getMessage(), e);
        }
        registry.addListener(new RegistryListener() {
            @Override
            public void peerUpdated(PeerRecord peer) {
            }

            @Override
            public void peerRemoved(PeerRecord peer, RemovalReason reason) {
                metrics.peerRemoved(reason);
            }
        });
    }

    /** The trackers serving in this process, by port: a wallet's hosted tracker is found here by its admin window. */
    private static final java.util.Map<Integer, Tracker> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    /** The tracker serving on {@code port} in this process, if one is. */
    public static java.util.Optional<Tracker> running(int port) {
        return java.util.Optional.ofNullable(RUNNING.get(port));
    }

    /** Opens the database, then starts serving; on failure everything opened is closed again. */
    public static Tracker start(TrackerConfig config) throws IOException {
        Tracker t = new Tracker(config);
        try {
            t.pinger = new LivenessPinger(config, t.registry, t.metrics, t.nodeKey);
            t.server = new TrackerServer(config, t.registry, t.metrics, t.pinger::probeSoon);
            t.pinger.start();
            if (config.statusPort() != TrackerConfig.NO_STATUS_PORT) {
                t.status = new StatusServer(t, config.statusBindAddress(), config.statusPort());
            }
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        log.info("tracker listening on port {} with {} registered peers", t.port(), t.registry.size());
        RUNNING.put(t.port(), t);
        return t;
    }

    public TrackerConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    /** The admin cookie of the status port's admin actions; empty when there is no status server. */
    public Optional<java.nio.file.Path> adminCookieFile() {
        return status == null ? Optional.empty() : Optional.of(status.cookieFile());
    }

    /** The status port, or -1 when there is no status server. */
    public int statusPort() {
        return status == null ? -1 : status.port();
    }

    public PeerRegistry registry() {
        return registry;
    }

    public TrackerMetrics metrics() {
        return metrics;
    }

    /** The node id this tracker uses in the handshakes of its pings. */
    public String nodeId() {
        return nodeKey.nodeId();
    }

    /** Runs one liveness sweep now; returns its duration in seconds. */
    public double sweepNow() {
        return pinger.sweep();
    }

    /** Removes a peer; it may announce again. */
    public boolean kick(PeerKey key) {
        boolean removed = registry.remove(key, RemovalReason.KICKED);
        if (removed) {
            registry.event("kicked " + key);
        }
        return removed;
    }

    /** Bans an address (persisted), removes its peers and closes its connections. */
    public int ban(String address, String reason) throws IOException {
        try {
            int removed = registry.ban(address, reason);
            metrics.bans.increment();
            server.disconnect(address);
            return removed;
        } catch (SQLException e) {
            throw new IOException("cannot save the ban of " + address + ": " + e.getMessage(), e);
        }
    }

    public boolean unban(String address) throws IOException {
        try {
            return registry.unban(address);
        } catch (SQLException e) {
            throw new IOException("cannot remove the ban of " + address + ": " + e.getMessage(), e);
        }
    }

    public String metricsText() {
        Map<PeerState, Integer> byState = registry.countByState();
        return metrics.render(byState, registry.bans().size(), server == null ? 0 : server.openConnections(),
                registry.pendingWrites());
    }

    @Override
    public void close() {
        if (server != null) {
            RUNNING.remove(server.port(), this);
            server.close();
        }
        if (status != null) {
            status.close();
        }
        if (pinger != null) {
            pinger.close();
        }
        registry.close();
        closeStore();
        log.info("tracker stopped");
    }

    private void closeStore() {
        try {
            store.close();
        } catch (SQLException e) {
            log.warn("closing the tracker database: {}", e.getMessage());
        }
    }
}
