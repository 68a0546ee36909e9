package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.api.PeerSnapshot;
import org.peerchain.node.api.TrafficSample;

@Timeout(60)
class TrafficHistoryTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final TwoNodes net = new TwoNodes(() -> dir);

    @Test
    void trafficPointsAreRatesBetweenSnapshotsKeptForTenMinutes() {
        TrafficHistory h = new TrafficHistory();
        assertTrue(h.add(new PeerSnapshot(List.of(), List.of(), 1_000, 500, 0, null)).isEmpty(),
                "one total makes no rate");
        TrafficSample p = h.add(new PeerSnapshot(List.of(), List.of(), 3_000, 1_500, 2_000, null)).orElseThrow();
        assertEquals(1_000, p.receivedPerSecond(), 1e-9);
        assertEquals(500, p.sentPerSecond(), 1e-9);
        for (int s = 3; s <= 1_000; s++) {
            h.add(new PeerSnapshot(List.of(), List.of(), 3_000 + s, 1_500, s * 1_000L, null));
        }
        List<TrafficSample> kept = h.points();
        assertEquals(601, kept.size(), "ten minutes of one-second points");
        assertEquals(400_000, kept.get(0).timeMillis());
        assertTrue(h.add(new PeerSnapshot(List.of(), List.of(), 0, 0, 1_001_000, null)).isEmpty(),
                "totals that went down start afresh");
    }

    @Test
    void theNodeKeepsItsTrafficFromTheStartWhateverShowsIt() throws Exception {
        Node a = net.a();
        net.bDialling(a);
        TwoNodes.await("two traffic samples", () -> a.services().peers().traffic().size() >= 2);
        List<TrafficSample> past = a.services().peers().traffic();
        for (int i = 1; i < past.size(); i++) {
            assertTrue(past.get(i).timeMillis() > past.get(i - 1).timeMillis(), "oldest first");
        }
        assertTrue(past.stream().anyMatch(t -> t.receivedPerSecond() > 0 || t.sentPerSecond() > 0),
                "the handshake and the sync are traffic: " + past);
    }
}
