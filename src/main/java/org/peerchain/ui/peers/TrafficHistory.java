package org.peerchain.ui.peers;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.peerchain.node.api.PeerSnapshot;

/**
 * Bytes a second in and out, from the traffic totals of successive snapshots, over the last {@link #WINDOW_MILLIS}.
 * The totals only grow; a snapshot whose totals went down (another node) starts the rates afresh.
 */
final class TrafficHistory {
    /** How far back the graph reaches. */
    static final long WINDOW_MILLIS = 10 * 60 * 1000;
    /** Most points kept, whatever the snapshot rate: the series stays bounded. */
    static final int MAX_POINTS = 1_200;

    private final Deque<TrafficPoint> points = new ArrayDeque<>();
    private PeerSnapshot previous;

    /** Adds the rates since the previous snapshot; empty for the first one or one out of order. */
    Optional<TrafficPoint> add(PeerSnapshot s) {
        PeerSnapshot before = previous;
        previous = s;
        if (before == null || s.timeMillis() <= before.timeMillis() || s.bytesReceived() < before.bytesReceived()
                || s.bytesSent() < before.bytesSent()) {
            return Optional.empty();
        }
        double seconds = (s.timeMillis() - before.timeMillis()) / 1000.0;
        TrafficPoint p = new TrafficPoint(s.timeMillis(), (s.bytesReceived() - before.bytesReceived()) / seconds,
                (s.bytesSent() - before.bytesSent()) / seconds);
        points.addLast(p);
        while (points.size() > MAX_POINTS || points.getFirst().timeMillis() < s.timeMillis() - WINDOW_MILLIS) {
            points.removeFirst();
        }
        return Optional.of(p);
    }

    /** Forgets the previous snapshot: the next one after a pause starts new rates instead of averaging over the gap. */
    void pause() {
        previous = null;
    }

    List<TrafficPoint> points() {
        return List.copyOf(points);
    }
}
