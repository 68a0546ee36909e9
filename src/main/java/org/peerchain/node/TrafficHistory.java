package org.peerchain.node;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.peerchain.node.api.PeerService;
import org.peerchain.node.api.PeerSnapshot;
import org.peerchain.node.api.TrafficSample;

/**
 * Bytes a second in and out, from the traffic totals of successive snapshots, over the last
 * {@link PeerService#TRAFFIC_WINDOW_MILLIS}: kept by the node from its start, so a traffic graph opened late still
 * shows the last ten minutes. The totals only grow; a snapshot whose totals went down starts the rates afresh.
 * Thread-safe: the snapshot timer adds, front ends read.
 */
final class TrafficHistory {
    static final long WINDOW_MILLIS = PeerService.TRAFFIC_WINDOW_MILLIS;
    /** Most points kept, whatever the snapshot rate: the series stays bounded. */
    static final int MAX_POINTS = 1_200;

    private final Deque<TrafficSample> points = new ArrayDeque<>();
    private PeerSnapshot previous;

    /** Adds the rates since the previous snapshot; empty for the first one or one out of order. */
    synchronized Optional<TrafficSample> add(PeerSnapshot s) {
        PeerSnapshot before = previous;
        previous = s;
        if (before == null || s.timeMillis() <= before.timeMillis() || s.bytesReceived() < before.bytesReceived()
                || s.bytesSent() < before.bytesSent()) {
            return Optional.empty();
        }
        double seconds = (s.timeMillis() - before.timeMillis()) / 1000.0;
        TrafficSample p = new TrafficSample(s.timeMillis(), (s.bytesReceived() - before.bytesReceived()) / seconds,
                (s.bytesSent() - before.bytesSent()) / seconds);
        points.addLast(p);
        while (points.size() > MAX_POINTS || points.getFirst().timeMillis() < s.timeMillis() - WINDOW_MILLIS) {
            points.removeFirst();
        }
        return Optional.of(p);
    }

    synchronized List<TrafficSample> points() {
        return List.copyOf(points);
    }
}
