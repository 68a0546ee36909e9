package org.peerchain.node;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.peerchain.events.EventBus;
import org.peerchain.node.api.BanInfo;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.PeerService;
import org.peerchain.node.api.PeerSnapshot;
import org.peerchain.node.api.PeerSource;
import org.peerchain.node.api.PeerStats;
import org.peerchain.node.api.TrackerInfo;
import org.peerchain.node.api.TrackerTestResult;
import org.peerchain.node.api.TrackerTestResult.Outcome;
import org.peerchain.node.api.TrafficSample;
import org.peerchain.p2p.BanEntry;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.NetworkEvent;
import org.peerchain.p2p.PeerInfo;
import org.peerchain.p2p.PeerNetwork;
import org.peerchain.p2p.TrackerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peers service over the node's {@link PeerNetwork}. A timer publishes a {@link NodeEvent.Peers} snapshot once a
 * second while P2P is on; the network's ban changes are passed on as {@link NodeEvent.BansChanged}.
 */
final class PeerControls implements PeerService {
    /** How often the peers snapshot is published: the traffic graph's resolution. */
    static final long SNAPSHOT_INTERVAL_MILLIS = 1_000;
    /** Longest reason a ban keeps: it is shown in a table cell and stored in the address book. */
    static final int MAX_BAN_REASON_LENGTH = 200;
    /** A host name (RFC 1123 labels) or an IPv4 address; IPv6 literals are checked apart. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
    private static final Logger log = LoggerFactory.getLogger(PeerControls.class);

    private final Node node;
    private final EventBus apiEvents;
    private final AutoCloseable banSubscription;
    private final ScheduledExecutorService publisher;
    private final TrafficHistory traffic = new TrafficHistory();

    PeerControls(Node node, EventBus apiEvents) {
        this.node = node;
        this.apiEvents = apiEvents;
        this.banSubscription = node.events().subscribe(NetworkEvent.BansChanged.class,
                e -> apiEvents.publish(new NodeEvent.BansChanged(e.bans().stream().map(PeerControls::banInfo).toList())));
        if (node.network() == null) {
            publisher = null;
        } else {
            publisher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "peer-snapshots");
                t.setDaemon(true);
                return t;
            });
            publisher.scheduleAtFixedRate(this::publishSnapshot, 0, SNAPSHOT_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void publishSnapshot() {
        try {
            PeerSnapshot s = snapshot();
            apiEvents.publish(new NodeEvent.Peers(s.withTraffic(traffic.add(s).orElse(null))));
        } catch (RuntimeException e) {
            log.warn("cannot publish the peers snapshot", e);
        }
    }

    @Override
    public boolean enabled() {
        return node.network() != null;
    }

    private PeerNetwork network() {
        PeerNetwork n = node.network();
        if (n == null) {
            throw new IllegalStateException("Peer-to-peer networking is off: the node was started without a P2P port");
        }
        return n;
    }

    @Override
    public PeerSnapshot snapshot() {
        PeerNetwork n = node.network();
        if (n == null) {
            return PeerSnapshot.empty(System.currentTimeMillis());
        }
        List<PeerStats> peers = n.peers().stream().map(PeerControls::stats).toList();
        return new PeerSnapshot(peers, trackers(n), n.bytesReceived(), n.bytesSent(), System.currentTimeMillis(), null);
    }

    private static PeerStats stats(PeerInfo p) {
        return new PeerStats(p.id(), p.address(), p.host(), p.inbound(), source(p), p.protocolVersion(), p.height(),
                p.pingMillis(), p.bytesReceived(), p.bytesSent(), p.connectedAt() * 1000, p.misbehaviour(), p.nodeId(),
                p.listenPort(), p.startingHeight(), p.syncedHeaders(), p.syncedBlocks(), p.lastSend() * 1000,
                p.lastReceive() * 1000);
    }

    private static PeerSource source(PeerInfo p) {
        return switch (p.origin()) {
            case INBOUND -> PeerSource.INBOUND;
            case TRACKER -> PeerSource.TRACKER;
            case ADDRESS_BOOK -> PeerSource.ADDRESS_BOOK;
            case LOCAL_NETWORK -> PeerSource.LOCAL_NETWORK;
            case MANUAL -> PeerSource.MANUAL;
        };
    }

    @Override
    public List<TrafficSample> traffic() {
        return traffic.points();
    }

    @Override
    public boolean disconnect(long peerId) {
        return network().disconnect(peerId);
    }

    @Override
    public void ban(String host, Duration duration, String reason) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the ban time must be positive, not " + duration);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("a ban needs a reason");
        }
        if (why.length() > MAX_BAN_REASON_LENGTH) {
            throw new IllegalArgumentException("the reason is " + why.length() + " characters long; at most "
                    + MAX_BAN_REASON_LENGTH + " are kept");
        }
        network().ban(address(host), duration, why);
    }

    @Override
    public boolean unban(String host) {
        return network().unban(address(host));
    }

    @Override
    public void clearBans() {
        network().clearBans();
    }

    @Override
    public List<BanInfo> bans() {
        PeerNetwork n = node.network();
        return n == null ? List.of() : n.bans().stream().map(PeerControls::banInfo).toList();
    }

    private static BanInfo banInfo(BanEntry b) {
        return new BanInfo(b.address(), b.bannedUntil(), b.createdAt(), b.reason());
    }

    @Override
    public void addPeer(String hostPort) {
        HostPort target = HostPort.parse(hostPort, node.params().defaultPort());
        checkHost(target.host(), hostPort.strip());
        network().addNode(target, PeerNetwork.AddNode.ADD);
    }

    @Override
    public void joinTracker(String hostPort) {
        HostPort tracker = HostPort.parse(hostPort, TrackerClient.DEFAULT_TRACKER_PORT);
        checkHost(tracker.host(), hostPort.strip());
        network().addTracker(tracker);
    }

    @Override
    public List<TrackerInfo> trackers() {
        PeerNetwork n = node.network();
        return n == null ? List.of() : trackers(n);
    }

    private static List<TrackerInfo> trackers(PeerNetwork n) {
        return n.trackers().stream().map(PeerControls::trackerInfo).toList();
    }

    private static TrackerInfo trackerInfo(TrackerClient.TrackerStatus t) {
        TrackerInfo.State state = switch (t.state()) {
            case WAITING -> TrackerInfo.State.WAITING;
            case OK -> TrackerInfo.State.OK;
            case FAILING -> TrackerInfo.State.FAILING;
        };
        return new TrackerInfo(t.tracker().toString(), t.lastSuccess() == null ? 0 : t.lastSuccess().toEpochMilli(),
                state, t.peersReturned(), t.failuresInARow(), t.lastError() == null ? "" : t.lastError());
    }

    @Override
    public TrackerTestResult testTracker(String hostPort) {
        HostPort tracker = HostPort.parse(hostPort, TrackerClient.DEFAULT_TRACKER_PORT);
        checkHost(tracker.host(), hostPort.strip());
        long timeout = TRACKER_TEST_TIMEOUT.toMillis();
        String name = tracker.toString();
        try {
            TrackerClient.Probe p = TrackerClient.probe(tracker, node.params().networkId(), TRACKER_TEST_TIMEOUT);
            return new TrackerTestResult(name, Outcome.REACHED, p.roundTripMillis(), p.peers(), timeout, "");
        } catch (SocketTimeoutException e) {
            return new TrackerTestResult(name, Outcome.NO_ANSWER, 0, 0, timeout, "");
        } catch (ConnectException e) {
            return new TrackerTestResult(name, Outcome.REFUSED, 0, 0, timeout, "");
        } catch (UnknownHostException e) {
            return new TrackerTestResult(name, Outcome.UNKNOWN_HOST, 0, 0, timeout, "");
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new TrackerTestResult(name, Outcome.FAILED, 0, 0, timeout, why);
        }
    }

    /** The IP address a ban is kept under: the peers' addresses are literal IPs, so a name is resolved. */
    private static String address(String host) {
        String h = host == null ? "" : host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        checkHost(h, h);
        try {
            return InetAddress.getByName(h).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + h + "' is not a known host name or IP address");
        }
    }

    private static void checkHost(String host, String asTyped) {
        boolean ok = host.indexOf(':') >= 0 ? IPV6_LITERAL.matcher(host).matches() : HOST_NAME.matcher(host).matches();
        if (!ok) {
            throw new IllegalArgumentException("'" + asTyped + "': '" + host + "' is not a host name or IP address");
        }
    }

    /** Stops the snapshot timer and the ban subscription (the node closes its parts). */
    void close() {
        if (publisher != null) {
            publisher.shutdownNow();
            try {
                publisher.awaitTermination(SNAPSHOT_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            banSubscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
