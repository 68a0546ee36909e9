package org.peerchain.tracker.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrackerBenchmarkTest {
    @Test
    void aSmallRunPrintsEveryHeadlineFigureLastWithoutAFailedPing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrackerBenchmark.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2_000, 100);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> last = lines.subList(lines.size() - 4, lines.size());
        assertTrue(last.get(0).matches("registrations_per_s: \\d+"), last.toString());
        assertTrue(last.get(1).matches("announces_per_s: \\d+"), last.toString());
        assertTrue(last.get(2).matches("getpeers_per_s: \\d+"), last.toString());
        assertTrue(last.get(3).matches("ping_sweep_s: [0-9.]+"), last.toString());
        assertTrue(lines.contains("registered_peers: 2000"), lines.toString());
        assertTrue(lines.contains("sweep_pings_failed: 0"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("announce_tracker_cpu_us: [0-9.]+")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("ping_sweep_first_s: [0-9.]+")), "the warm-up sweep too");
        assertTrue(lines.stream().anyMatch(l -> l.matches("sweep_pinger_cpu_us: [0-9.]+")), lines.toString());
    }
}
