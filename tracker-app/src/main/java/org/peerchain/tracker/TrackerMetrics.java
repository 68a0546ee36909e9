package org.peerchain.tracker;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tracker's counters, rendered in the Prometheus text format (version 0.0.4). Names follow
 * Prometheus's advice: a {@code peerchain_tracker_} prefix, {@code _total} on counters, base units
 * in the name ({@code _seconds}), HELP and TYPE for every family.
 */
public final class TrackerMetrics {
    public final LongAdder announces = new LongAdder();
    public final LongAdder getPeers = new LongAdder();
    public final LongAdder leaves = new LongAdder();
    public final LongAdder pingsSent = new LongAdder();
    public final LongAdder pingsFailed = new LongAdder();
    public final LongAdder bans = new LongAdder();
    public final LongAdder connections = new LongAdder();
    public final LongAdder rateLimited = new LongAdder();
    public final LongAdder unknownMessages = new LongAdder();
    public final LongAdder announcesRefused = new LongAdder();
    private final Map<String, LongAdder> framesRejected = new ConcurrentHashMap<>();
    private final Map<RemovalReason, LongAdder> removed = new ConcurrentHashMap<>();
    private volatile double lastSweepSeconds;
    private volatile String lastPingFailure = "";

    /** A liveness ping failed: counts it and keeps why (the debug log has every one). */
    public void pingFailed(String why) {
        pingsFailed.increment();
        lastPingFailure = why;
    }

    /** Why the last failed ping failed ("" if none has). */
    public String lastPingFailure() {
        return lastPingFailure;
    }

    public void frameRejected(String code) {
        framesRejected.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    public void peerRemoved(RemovalReason reason) {
        removed.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    public void sweepFinished(double seconds) {
        lastSweepSeconds = seconds;
    }

    public double lastSweepSeconds() {
        return lastSweepSeconds;
    }

    /** The exposition text; gauges are read from the registry and server at the time of the scrape. */
    public String render(Map<PeerState, Integer> byState, int bannedAddresses, int openConnections, int pendingWrites) {
        StringBuilder b = new StringBuilder(4096);
        gauge(b, "peerchain_tracker_peers_live", "Registered peers whose last ping succeeded.",
                byState.getOrDefault(PeerState.LIVE, 0));
        b.append("# HELP peerchain_tracker_peers Registered peers by liveness state.\n");
        b.append("# TYPE peerchain_tracker_peers gauge\n");
        for (PeerState s : PeerState.values()) {
            b.append("peerchain_tracker_peers{state=\"").append(s.name().toLowerCase()).append("\"} ")
                    .append(byState.getOrDefault(s, 0)).append('\n');
        }
        counter(b, "peerchain_tracker_announces_total", "Announces accepted.", announces.sum());
        counter(b, "peerchain_tracker_announces_refused_total", "Announces refused (banned, per-address cap).",
                announcesRefused.sum());
        counter(b, "peerchain_tracker_getpeers_total", "getpeers requests answered.", getPeers.sum());
        counter(b, "peerchain_tracker_leaves_total", "leave messages received.", leaves.sum());
        counter(b, "peerchain_tracker_pings_sent_total", "Liveness pings started.", pingsSent.sum());
        counter(b, "peerchain_tracker_pings_failed_total", "Liveness pings that failed.", pingsFailed.sum());
        counter(b, "peerchain_tracker_bans_total", "Addresses banned by the admin.", bans.sum());
        counter(b, "peerchain_tracker_connections_total", "TCP connections accepted.", connections.sum());
        counter(b, "peerchain_tracker_rate_limited_total", "Requests refused by the per-address rate limit.",
                rateLimited.sum());
        counter(b, "peerchain_tracker_unknown_messages_total", "Frames of an unknown type, ignored.",
                unknownMessages.sum());
        b.append("# HELP peerchain_tracker_frames_rejected_total Frames rejected (connection closed), by reason code.\n");
        b.append("# TYPE peerchain_tracker_frames_rejected_total counter\n");
        new TreeMap<>(framesRejected).forEach((code, n) ->
                b.append("peerchain_tracker_frames_rejected_total{code=\"").append(code).append("\"} ").append(n.sum()).append('\n'));
        b.append("# HELP peerchain_tracker_peers_removed_total Peers removed from the registry, by reason.\n");
        b.append("# TYPE peerchain_tracker_peers_removed_total counter\n");
        for (RemovalReason r : RemovalReason.values()) {
            LongAdder n = removed.get(r);
            b.append("peerchain_tracker_peers_removed_total{reason=\"").append(r.label()).append("\"} ")
                    .append(n == null ? 0 : n.sum()).append('\n');
        }
        gauge(b, "peerchain_tracker_banned_addresses", "Addresses currently banned.", bannedAddresses);
        gauge(b, "peerchain_tracker_connections_open", "Client connections open now.", openConnections);
        gauge(b, "peerchain_tracker_registry_pending_writes", "Registry changes not yet written to SQLite.", pendingWrites);
        b.append("# HELP peerchain_tracker_ping_sweep_duration_seconds Duration of the last liveness sweep.\n");
        b.append("# TYPE peerchain_tracker_ping_sweep_duration_seconds gauge\n");
        b.append("peerchain_tracker_ping_sweep_duration_seconds ").append(lastSweepSeconds).append('\n');
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
        b.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name).append(' ').append(value).append('\n');
    }
}
