package org.peerchain.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.p2p.wire.FrameException;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TrackerMetricsTest {
    private static String renderedWithEveryLabelInUse() {
        TrackerMetrics m = new TrackerMetrics();
        m.announces.add(3);
        m.frameRejected(FrameException.BAD_JSON);
        m.frameRejected(FrameException.FRAME_TOO_LARGE);
        for (RemovalReason r : RemovalReason.values()) {
            m.peerRemoved(r);
        }
        m.sweepFinished(1.25);
        Map<PeerState, Integer> byState = new EnumMap<>(PeerState.class);
        byState.put(PeerState.LIVE, 4);
        return m.render(byState, 1, 2, 3);
    }

    @Test
    void everyMetricFamilyPassesPromtoolsLintRules() {
        assertEquals(List.of(), PromLint.problems(renderedWithEveryLabelInUse()));
        assertEquals(List.of(), PromLint.problems(new TrackerMetrics().render(Map.of(), 0, 0, 0)), "before any event too");
    }

    @Test
    void everyFamilyHasHelpAndTypeAndDurationsAreInSeconds() {
        String text = renderedWithEveryLabelInUse();
        long families = text.lines().filter(l -> l.startsWith("# TYPE ")).count();
        assertEquals(families, text.lines().filter(l -> l.startsWith("# HELP ")).count());
        assertTrue(families >= 18, "families: " + families);
        assertTrue(text.contains("peerchain_tracker_ping_sweep_duration_seconds 1.25\n"));
        assertTrue(text.contains("peerchain_tracker_frames_rejected_total{code=\"" + FrameException.BAD_JSON + "\"} 1\n"));
    }

    @Test
    void theLintFindsWhatPromtoolWouldFlag() {
        assertTrue(PromLint.problems("# HELP a_requests x\n# TYPE a_requests counter\na_requests 1\n").get(0)
                .contains("should have \"_total\" suffix"));
        assertTrue(PromLint.problems("# HELP a_open_total x\n# TYPE a_open_total gauge\na_open_total 1\n").get(0)
                .contains("should not have \"_total\" suffix"));
        assertTrue(PromLint.problems("# HELP a_latency_ms x\n# TYPE a_latency_ms gauge\na_latency_ms 1\n").get(0)
                .contains("abbreviated units"));
        assertTrue(PromLint.problems("# HELP a_latency_milliseconds x\n# TYPE a_latency_milliseconds gauge\na_latency_milliseconds 1\n")
                .get(0).contains("base unit"));
        assertTrue(PromLint.problems("# HELP a_peerCount x\n# TYPE a_peerCount gauge\na_peerCount 1\n").get(0).contains("snake_case"));
        assertTrue(PromLint.problems("# TYPE a_x gauge\na_x 1\n").get(0).contains("without HELP"));
        assertTrue(PromLint.problems("# HELP a_x x\n# TYPE a_x gauge\nb_y 1\n").get(0).contains("outside its own"));
        assertTrue(PromLint.problems("# HELP a_x x\n# TYPE a_x gauge\na_x{peerState=\"live\"} 1\n").get(0).contains("label names"));
    }
}
